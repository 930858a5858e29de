// The boundary validators in their own entry, @usagekit/core/validation, so a UI can load the schema
// library on the first answer rather than up front. The main entry exports them too.
export {
  normalizeNumber,
  validateBreakdown,
  validateCapabilities,
  validateDimensionValues,
  validateRequestDetail,
  validateRequestPage,
  validateSummary,
  validateTimeSeries,
  validateResult,
  RESULT_VALIDATORS,
  withValidation,
} from '../validateResult'
