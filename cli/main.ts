/**
 * `dateline`: the command line. This file only declares the commands and their options; each
 * command lives in cli/commands/ and is imported when it runs, so `dateline extract` never loads
 * the AWS SDK and `dateline get` never loads the local servers.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError, messageOf } from './errors';
import { LOCAL_DEFAULTS, type GlobalOptions } from './context';
import { RECORD_STATUSES } from '../shared/record-status';

/** Exit status for a command line the CLI could not understand (as most Unix tools do). */
const USAGE_ERROR = 2;

export async function main(argv: readonly string[]): Promise<number> {
  // `dateline list --json | head -1` closes the pipe early: that ends the output, not in an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  let status = 0;
  const program = buildProgram((code) => {
    status = code;
  });
  try {
    await program.parseAsync([...argv]);
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander already printed its message (or the help text) to stderr.
      return error.exitCode === 0 ? 0 : USAGE_ERROR;
    }
    if (error instanceof CliError) {
      process.stderr.write(`dateline: ${error.message}\n`);
      return error.exitCode;
    }
    process.stderr.write(`dateline: ${messageOf(error)}\n`);
    if (process.env.DATELINE_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 1;
  }
}

function buildProgram(setStatus: (code: number) => void): Command {
  const program = new Command('dateline')
    .description('Dateline: drop news articles into a bucket, read back their metadata.')
    .exitOverride()
    .showHelpAfterError('(run dateline --help for usage)')
    .addOption(new Option('--target <target>', 'where the stack runs').choices(['local', 'aws']).default('local').env('DATELINE_TARGET'))
    .option('--json', 'machine-readable output: one JSON value per line')
    .addOption(new Option('--stack <name>', 'aws: the CloudFormation stack to read outputs from').default('Dateline').env('DATELINE_STACK'))
    .addOption(new Option('--region <region>', 'aws: the region (default: from the AWS config)').env('AWS_REGION'))
    .addOption(new Option('--bucket <name>', `the bucket (local default ${LOCAL_DEFAULTS.bucket}; aws: from the stack)`).env('DATELINE_BUCKET'))
    .addOption(new Option('--table <name>', `the table (local default ${LOCAL_DEFAULTS.table}; aws: from the stack)`).env('DATELINE_TABLE'))
    .addOption(new Option('--s3-port <port>', `local: the S3 server port (default ${LOCAL_DEFAULTS.s3Port})`).argParser(port).env('DATELINE_S3_PORT'))
    .addOption(new Option('--dynamodb-port <port>', `local: the DynamoDB server port (default ${LOCAL_DEFAULTS.dynamodbPort})`).argParser(port).env('DATELINE_DYNAMODB_PORT'))
    .addOption(new Option('--api-port <port>', `local: the HTTP API port (default ${LOCAL_DEFAULTS.apiPort})`).argParser(port).env('DATELINE_API_PORT'));

  const globals = (command: Command) => command.optsWithGlobals<GlobalOptions>();

  program
    .command('start')
    .description('run the embedded local stack (S3, DynamoDB, queue, ingest, API) until Ctrl-C')
    .addOption(new Option('--data-dir <dir>', 'where data persists between runs').default(LOCAL_DEFAULTS.dataDir).env('DATELINE_DATA_DIR'))
    .action(async (options: { dataDir: string }, command: Command) => {
      const { runStart } = await import('./commands/start');
      setStatus(await runStart({ ...globals(command), dataDir: options.dataDir }));
    });

  program
    .command('drop')
    .description('upload files, or every file in folders, to the bucket and wait for their records')
    .argument('<paths...>', 'files (stored under their base name) and folders (their files under their paths inside the folder)')
    .option('--prefix <prefix>', 'put before every key, as given (include a trailing / for a folder)', '')
    .option('--no-wait', 'return once uploaded, without waiting for the records')
    .option('--timeout <seconds>', 'how long to wait for the records', positiveNumber, 120)
    .option('--concurrency <n>', 'uploads in flight', positiveInteger, 8)
    .option('--published <date>', "the article's date of record, stored as x-amz-meta-published (2015-09-01, or a full ISO time)")
    .option('--title <text>', "the article's title, stored as x-amz-meta-title")
    .action(async (paths: string[], options: { prefix: string; wait: boolean; timeout: number; concurrency: number; published?: string; title?: string }, command: Command) => {
      const { runDrop } = await import('./commands/drop');
      setStatus(await runDrop(paths, { ...globals(command), ...options }));
    });

  program
    .command('get')
    .description("show one article's record")
    .argument('<key>', 'the object key in the bucket, or its s3://bucket/key URI')
    .option('--text', "also the article's text from its file, paragraphs numbered as the API and the web page number them")
    .action(async (key: string, options: { text?: boolean }, command: Command) => {
      const { runGet } = await import('./commands/get');
      setStatus(await runGet(key, { ...globals(command), text: options.text === true }));
    });

  program
    .command('list')
    .description('list articles newest first (undated ones after them), by agency, by language or all')
    .option('--agency <code>', 'agency code (SANA, AFP, Reuters, …) or outlet')
    .option('--lang <code>', 'language code (ar, en, …)')
    .option('--since <date>', 'from this date (2015, 2015-09, 2015-09-01)')
    .option('--until <date>', 'up to and including this date')
    .option('--undated', 'only the articles without a date of record (never with --since/--until)')
    .addOption(new Option('--status <status>', 'only records of this status').choices(RECORD_STATUSES))
    .option('--limit <n>', 'how many articles', positiveInteger, 20)
    .option('--cursor <cursor>', 'continue where the previous page ended')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { runList } = await import('./commands/list');
      setStatus(await runList(options, globals(command)));
    });

  program
    .command('find')
    .description('find articles that mention a person, an organisation or a place, newest first')
    .option('--person <name>', 'a person (بوتين finds فلاديمير بوتين)')
    .option('--org <name>', 'an organisation')
    .option('--place <name>', 'a place')
    .option('--since <date>', 'from this date (2015, 2015-09, 2015-09-01)')
    .option('--until <date>', 'up to and including this date')
    .option('--limit <n>', 'how many articles', positiveInteger, 20)
    .option('--cursor <cursor>', 'continue where the previous page ended')
    .action(async (options: Record<string, unknown>, command: Command) => {
      const { runFind } = await import('./commands/find');
      setStatus(await runFind(options, globals(command)));
    });

  program
    .command('dups')
    .description("list an article's near-duplicates in the archive")
    .argument('<key>', 'the object key in the bucket')
    .action(async (key: string, _options: unknown, command: Command) => {
      const { runDups } = await import('./commands/dups');
      setStatus(await runDups(key, globals(command)));
    });

  program
    .command('rm')
    .description('delete objects from the bucket, and so their records')
    .argument('<keys...>', 'object keys, or s3://bucket/key URIs as `get` shows them')
    .option('--no-wait', 'return once deleted, without waiting for the records to go')
    .option('--timeout <seconds>', 'how long to wait for the records to go', positiveNumber, 60)
    .action(async (keys: string[], options: { wait: boolean; timeout: number }, command: Command) => {
      const { runRm } = await import('./commands/rm');
      setStatus(await runRm(keys, { ...globals(command), ...options }));
    });

  program
    .command('extract')
    .description('extract records from local files, offline (one JSON record per line)')
    .argument('<paths...>', 'article files, and folders (every file in them)')
    .action(async (files: string[]) => {
      const { runExtract } = await import('./commands/extract');
      setStatus(await runExtract(files));
    });

  program
    .command('ner')
    .description('tag CoNLL text (one token per line) with the extractor\'s NER tagger; the tag is appended as a last column')
    .argument('<file>', 'CoNLL file, or - for stdin')
    .addOption(new Option('--lang <lang>', 'the text\'s language').choices(['ar', 'en']).makeOptionMandatory())
    .action(async (file: string, options: { lang: 'ar' | 'en' }) => {
      const { runNer } = await import('./commands/ner');
      setStatus(await runNer(file, options.lang));
    });

  const dataDirOption = () =>
    new Option('--data-dir <dir>', 'local: the data folder of the stack').default(LOCAL_DEFAULTS.dataDir).env('DATELINE_DATA_DIR');
  const dated = (command: Command) =>
    command.option('--since <date>', 'from this date (2015, 2015-09, 2015-09-01)').option('--until <date>', 'up to and including this date');
  const filters = (command: Command) =>
    dated(
      command
        .option('--agency <code>', 'agency code (SANA, AFP, Reuters, …) or outlet')
        .option('--lang <code>', 'language code (ar, en, …)')
        .addOption(new Option('--status <status>', 'only records of this status').choices(RECORD_STATUSES)),
    ).addOption(dataDirOption());
  filters(
    program
      .command('search')
      .description('records whose title, lead, text, people, organisations, places or keywords hold the words, best first')
      .argument('<words...>', 'words to look for (Arabic in any spelling: hamza forms, ة/ه, ى/ي, diacritics, clitics)')
      .option('--limit <n>', 'how many records', positiveInteger, 20)
      .option('--cursor <cursor>', 'continue where the previous page ended'),
  ).action(async (words: string[], options: Record<string, unknown> & { dataDir: string }, command: Command) => {
    const { runSearch } = await import('./commands/search');
    const { dataDir, ...flags } = options;
    setStatus(await runSearch(words, flags, { ...globals(command), dataDir }));
  });
  dated(program.command('stats').description('counts by status, language, agency and month; the most mentioned people, organisations and places'))
    .addOption(dataDirOption())
    .action(async (options: Record<string, unknown> & { dataDir: string }, command: Command) => {
      const { runStats } = await import('./commands/stats');
      const { dataDir, ...flags } = options;
      setStatus(await runStats(flags, { ...globals(command), dataDir }));
    });
  filters(
    program
      .command('export')
      .description('every matching record, newest first: JSON Lines (one record per line), CSV or Parquet')
      .addOption(new Option('--format <format>', 'output format').choices(['jsonl', 'csv', 'parquet']).default('jsonl'))
      .option('--output <file>', 'write to this file instead of stdout'),
  ).action(async (options: Record<string, unknown> & { dataDir: string; format: 'jsonl' | 'csv' | 'parquet' }, command: Command) => {
    const { runExport } = await import('./commands/export');
    const { dataDir, ...flags } = options;
    setStatus(await runExport(flags, { ...globals(command), dataDir }));
  });

  program
    .command('reindex')
    .description("send the bucket's objects back through ingest, so records get the running extractor")
    .option('--stale', 'only objects whose record is from another extractor version (or missing)')
    .option('--prefix <prefix>', 'only keys starting with this', '')
    .option('--force', 're-extract even records of the running extractor version')
    .action(async (options: { stale?: boolean; prefix: string; force?: boolean }, command: Command) => {
      const { runReindex } = await import('./commands/reindex');
      setStatus(await runReindex({ ...globals(command), prefix: options.prefix, stale: options.stale ?? false, force: options.force ?? false }));
    });

  const dlq = program.command('dlq').description('the events ingest gave up on (the dead-letter list): list them, send them back');
  dlq
    .command('list')
    .description('show the dead letters: message id, receives, the object events, the reason')
    .addOption(dataDirOption())
    .option('--limit <n>', 'at most this many', positiveInteger, 100)
    .action(async (options: { dataDir: string; limit: number }, command: Command) => {
      const { runDlqList } = await import('./commands/dlq');
      setStatus(await runDlqList({ ...globals(command), ...options }));
    });
  dlq
    .command('redrive')
    .description('send dead letters back to the ingest queue (all, or the given ids; on AWS always all)')
    .argument('[messageIds...]', 'local: only these messages')
    .addOption(dataDirOption())
    .action(async (messageIds: string[], options: { dataDir: string }, command: Command) => {
      const { runDlqRedrive } = await import('./commands/dlq');
      setStatus(await runDlqRedrive(messageIds, { ...globals(command), ...options, limit: Number.POSITIVE_INFINITY }));
    });

  return program;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('expected a port number (0-65535)');
  return n;
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number');
  return n;
}
