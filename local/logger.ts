/**
 * The little the local stack says about itself. The CLI passes one that prints nicely; tests pass
 * {@link silentLogger}.
 */
export interface LocalLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: LocalLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

export const consoleLogger: LocalLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message) => console.error(message),
};
