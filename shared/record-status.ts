/** A record's status (SPEC §3): the one list the schemas, the CLI's choices and the web form offer. */
export const RECORD_STATUSES = ['ok', 'rejected', 'error'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
