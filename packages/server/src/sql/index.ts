export { createSqlAdapter } from './createSqlAdapter'
export type { SqlAdapterOptions, SqlExecute, SqlRow } from './createSqlAdapter'
export { REFERENCE_COLUMNS, REQUIRED_FIELDS } from './sqlColumns'
export type { SqlField } from './sqlColumns'
export type {
  SqlBooleanColumn,
  SqlColumnMapping,
  SqlColumnRef,
  SqlDurationColumn,
  SqlDurationSpec,
  SqlMoneyColumn,
  SqlNumberColumn,
  SqlStatusColumn,
  SqlTagsColumn,
  SqlTextColumn,
  SqlTimestampColumn,
} from './sqlColumnSpec'
export type { SqlDialectName } from './dialects/sqlDialect'
export type { RollupDimension, RollupSums, SqlRollup } from './sqlRollup'
export { rollupBackfill, rollupSchema } from './rollupSchema'
export type { RollupBackfillOptions, RollupSchemaOptions } from './rollupSchema'
export type { LabelledDimension, SqlLabelSource, SqlLabelSources } from './sqlLabelSources'
export type { SqlValue } from './sqlParameters'
export { insertStatements, referenceSchema, referenceValueSql, toReferenceRow } from './referenceSchema'
export type { InsertStatement, ReferenceSchemaOptions } from './referenceSchema'
export { litellmSpendLogs, type LitellmLabelledDimension, type LitellmSpendLogsMapping, type LitellmSpendLogsOptions, type LitellmTableNames } from './litellm/litellmSpendLogs'
