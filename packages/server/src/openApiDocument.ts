import { BUCKETS, DEFAULT_LIMITS, DIMENSIONS, type UsageLimits } from '@usagekit/core'
import { HTTP_ROUTES } from '@usagekit/core/http'

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const array = (items: object) => ({ type: 'array', items })
const nullableNumber = { type: ['number', 'null'] }
const metricValues = { type: 'object', additionalProperties: nullableNumber, description: 'Exactly the requested metrics; null is a gap (non-sum metrics without data).' }

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ref('Error') } } })
/** Errors every route may answer. */
const ERRORS = {
  '401': errorResponse('No scope for this caller (authorize returned null).'),
  '500': errorResponse('The adapter failed; `errorId` correlates with the server log. Never carries the adapter’s message.'),
  '504': errorResponse('The adapter did not answer within the handler’s time budget (`timeoutMs`, default 30 s); code `TIMEOUT`.'),
}
/** Errors of the POST routes, which take a JSON body. */
const BODY_ERRORS = {
  '400': errorResponse('BAD_REQUEST: the body is not a JSON object (malformed, not UTF-8, nested deeper than 64 levels). INVALID_QUERY: a param is invalid; `field` names it.'),
  '413': errorResponse('PAYLOAD_TOO_LARGE: the body is over `maxBodyBytes` (64 KiB). INVALID_QUERY: a param is over one of the adapter’s `limits`; `field` names it.'),
  '415': errorResponse('UNSUPPORTED_MEDIA_TYPE: the content type is not `application/json` (with an optional UTF-8 charset).'),
}

const LIMIT_DESCRIPTIONS: Record<keyof UsageLimits, string> = {
  maxRangeDays: 'Longest range, in days (null: no limit).',
  maxPageSize: 'Largest `pageSize` of /requests.',
  maxFilterValues: 'Values in one dimension’s filter.',
  maxFilterValuesTotal: 'Filter values over all dimensions together.',
  maxBuckets: 'Buckets of one time series.',
  maxCells: 'Cells of one time series: (groups + Other + none) × buckets × metrics.',
  maxSeries: 'Groups of a grouped time series (`limit`).',
  maxTrendBuckets: 'Buckets of a breakdown’s per-row trend.',
  maxBreakdownRows: 'Rows of one breakdown answer (`limit`).',
  maxDimensionValues: 'Values of one /dimension-values answer (`limit`).',
  maxSearchLength: 'Characters of a `search` text.',
  maxValueLength: 'Characters of one filter value or request id.',
}
const LIMITS_SCHEMA = {
  type: 'object',
  description: 'How much one query may ask for; a query over a limit is answered 413 with the field at fault, before any adapter call.',
  required: Object.keys(DEFAULT_LIMITS),
  properties: Object.fromEntries(
    (Object.keys(DEFAULT_LIMITS) as (keyof UsageLimits)[]).map((key) => [
      key,
      { type: key === 'maxRangeDays' ? ['integer', 'null'] : 'integer', description: LIMIT_DESCRIPTIONS[key], default: DEFAULT_LIMITS[key] },
    ]),
  ),
}

const QUERY_PROPERTIES = {
  range: ref('TimeRange'),
  timeZone: { type: 'string', description: 'IANA time zone; buckets align to it.', examples: ['Europe/Berlin'] },
  filters: ref('Filters'),
}

function route(summary: string, params: object | null, result: object, extra: Record<string, object> = {}) {
  return {
    summary,
    ...(params
      ? { requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['range', 'timeZone'], properties: { ...QUERY_PROPERTIES, ...params } } } } } }
      : {}),
    responses: { '200': { description: 'The answer.', content: { 'application/json': { schema: result } } }, ...(params ? BODY_ERRORS : {}), ...ERRORS, ...extra },
  }
}

/** The HTTP API of `createUsageHandler` as an OpenAPI 3.1 document (paths relative to the base path). */
export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'usagekit usage API',
    version: '0.1.0',
    description:
      'One route per method of the usagekit adapter contract. JSON in and out; every query is scoped by the server to what the caller may see. See docs/adapter.md for the semantics of every field.',
  },
  paths: {
    [HTTP_ROUTES.getCapabilities.path]: { get: route('Metrics, dimensions, currency and limits the backend supports.', null, ref('Capabilities')) },
    [HTTP_ROUTES.getSummary.path]: {
      post: route('Totals of the requested metrics, and of the previous period.', { metrics: array({ type: 'string' }), compareToPrevious: { type: 'boolean' }, now: { type: 'string', format: 'date-time', description: 'The reader\'s now: while the range runs, both periods stop at the same elapsed point.' } }, {
        type: 'object',
        required: ['totals'],
        properties: { totals: metricValues, previous: metricValues },
      }),
    },
    [HTTP_ROUTES.getTimeSeries.path]: {
      post: route(
        'Buckets and series; with groupBy and limit, the top N groups and __other__.',
        { bucket: { enum: BUCKETS }, metrics: array({ type: 'string' }), groupBy: { enum: DIMENSIONS }, limit: { type: 'integer', minimum: 1 } },
        {
          type: 'object',
          required: ['buckets', 'series'],
          properties: {
            buckets: array({ type: 'object', required: ['start', 'end'], properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, partial: { type: 'boolean' } } }),
            series: array({ type: 'object', required: ['key', 'label', 'values'], properties: { key: { type: 'string' }, label: { type: 'string' }, values: { type: 'object', additionalProperties: array(nullableNumber) } } }),
          },
        },
      ),
    },
    [HTTP_ROUTES.getBreakdown.path]: {
      post: route(
        'One row per group, sorted, searched and paged; total counts the groups before paging.',
        {
          groupBy: { enum: DIMENSIONS },
          metrics: array({ type: 'string' }),
          sort: { type: 'object', properties: { metric: { type: 'string' }, direction: { enum: ['asc', 'desc'] } } },
          search: { type: 'string' },
          limit: { type: 'integer', minimum: 0 },
          offset: { type: 'integer', minimum: 0 },
          trend: { type: 'object', properties: { bucket: { enum: BUCKETS }, metric: { type: 'string' } } },
        },
        {
          type: 'object',
          required: ['rows', 'total'],
          properties: {
            rows: array({
              type: 'object',
              required: ['key', 'label', 'metrics'],
              properties: {
                key: { type: 'string' },
                label: { type: 'string' },
                secondary: { type: 'string' },
                team: { type: 'string' },
                models: array({ type: 'string' }),
                modelCount: { type: 'integer' },
                metrics: metricValues,
                trend: array(nullableNumber),
              },
            }),
            total: { type: 'integer' },
          },
        },
      ),
    },
    [HTTP_ROUTES.listRequests.path]: {
      post: route(
        'A page of requests, newest first; pass nextCursor back for the next page of the same query.',
        { cursor: { type: ['string', 'null'], description: 'The nextCursor of the previous page of the same query (signed by the server when it has a cursorSecret: a forged one is a 400).' }, pageSize: { type: 'integer', minimum: 1 }, search: { type: 'string' } },
        { type: 'object', required: ['items', 'nextCursor'], properties: { items: array(ref('RequestSummary')), nextCursor: { type: ['string', 'null'] } } },
      ),
    },
    [HTTP_ROUTES.getRequest.path]: {
      post: {
        summary: 'One request in detail, in one scoped adapter call (404 when unknown or outside the caller’s scope: the two answer alike).',
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['id'],
                properties: {
                  id: { type: 'string' },
                  filters: { ...ref('Filters'), description: 'Narrows further: a request these filters (and the caller’s scope) do not match is a 404.' },
                  content: { type: 'boolean', description: 'Default true; false asks for no request content (it is never sent to a caller whose scope forbids it anyway).' },
                },
              },
            },
          },
        },
        responses: {
          '200': { description: 'The request: only the contract’s fields; without content permission request/response null, messages [], metadata only the scope’s metadataKeys.', content: { 'application/json': { schema: ref('RequestDetail') } } },
          '404': errorResponse('No such request for this caller.'),
          ...BODY_ERRORS,
          ...ERRORS,
        },
      },
    },
    [HTTP_ROUTES.getDimensionValues.path]: {
      post: route(
        'Values of a dimension for filter menus, most requests first.',
        { dimension: { enum: DIMENSIONS }, search: { type: 'string' }, limit: { type: 'integer', minimum: 1 } },
        array({ type: 'object', required: ['key', 'label'], properties: { key: { type: 'string' }, label: { type: 'string' }, secondary: { type: 'string' }, count: { type: 'integer' } } }),
      ),
    },
  },
  components: {
    schemas: {
      TimeRange: {
        type: 'object',
        required: ['start', 'end'],
        description: 'ISO-8601 instants; start inclusive, end exclusive.',
        properties: { start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' } },
      },
      Filters: { type: 'object', description: 'Dimension → values: OR within a dimension, AND across.', propertyNames: { enum: DIMENSIONS }, additionalProperties: array({ type: 'string' }) },
      Capabilities: {
        type: 'object',
        required: ['metrics', 'dimensions', 'currency', 'requestContent', 'limits'],
        properties: {
          metrics: array({ type: 'object', required: ['id', 'label', 'unit', 'aggregation'], properties: { id: { type: 'string' }, label: { type: 'string' }, unit: { type: 'string' }, aggregation: { enum: ['sum', 'distinct', 'avg', 'percentile', 'ratio'] }, sentiment: { type: 'string' } } }),
          dimensions: array({ enum: DIMENSIONS }),
          currency: { type: 'string', pattern: '^[A-Z]{3}$' },
          requestContent: { type: 'boolean' },
          limits: LIMITS_SCHEMA,
        },
      },
      RequestSummary: {
        type: 'object',
        required: ['id', 'timestamp', 'status', 'userId', 'userName', 'provider', 'model', 'inputTokens', 'cachedInputTokens', 'outputTokens', 'totalTokens', 'cost', 'latencyMs', 'tags'],
        properties: {
          id: { type: 'string' },
          timestamp: { type: 'string', format: 'date-time' },
          status: { enum: ['success', 'error'] },
          userId: { type: 'string' },
          userName: { type: 'string' },
          userEmail: { type: 'string' },
          team: { type: 'string' },
          apiKey: { type: 'string', description: 'Redacted.' },
          application: { type: 'string' },
          agent: { type: 'string' },
          provider: { type: 'string' },
          model: { type: 'string' },
          inputTokens: { type: 'number' },
          cachedInputTokens: { type: 'number' },
          outputTokens: { type: 'number' },
          totalTokens: { type: 'number' },
          cost: { type: 'number' },
          latencyMs: { type: 'number' },
          ttftMs: nullableNumber,
          tags: array({ type: 'string' }),
          errorMessage: { type: 'string' },
        },
      },
      RequestDetail: {
        allOf: [
          ref('RequestSummary'),
          {
            type: 'object',
            required: ['callType', 'modelId', 'retries', 'cacheHit', 'startTime', 'endTime', 'costBreakdown', 'messages', 'metadata'],
            properties: {
              callType: { type: 'string' },
              modelId: { type: 'string' },
              apiBase: { type: ['string', 'null'] },
              ip: { type: ['string', 'null'], description: 'Redacted.' },
              overheadMs: nullableNumber,
              retries: { type: 'integer' },
              cacheHit: { type: 'boolean' },
              startTime: { type: 'string', format: 'date-time' },
              endTime: { type: 'string', format: 'date-time' },
              costBreakdown: array({
                type: 'object',
                required: ['label', 'amount'],
                properties: {
                  label: { type: 'string' },
                  amount: { type: 'number', description: 'What was charged, as recorded (exact to 1e-9 of the currency unit); never recomputed from quantity × rate.' },
                  quantity: { type: 'number', minimum: 0, description: 'How many units were charged for. Needed by unit and rate.' },
                  unit: { type: 'string', description: 'What quantity counts, plural ("tokens", "images").' },
                  rate: { type: 'number', minimum: 0, description: 'Price of one million units in the currency, exact to 1e-9 (3 for $3.00 per 1M tokens).' },
                },
              }),
              request: { description: 'Raw request payload; null when content is hidden.' },
              response: { description: 'Raw response payload; null when content is hidden.' },
              messages: array({ type: 'object', required: ['role', 'content'], properties: { role: { type: 'string' }, content: { type: 'string' } } }),
              metadata: { type: 'object', description: 'Any JSON values (gateway metadata is often nested). Counts as content.', additionalProperties: true },
            },
          },
        ],
      },
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: {
              code: {
                enum: ['BAD_REQUEST', 'INVALID_QUERY', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHORIZED', 'NOT_FOUND', 'NOT_FOUND_ROUTE', 'METHOD_NOT_ALLOWED', 'NOT_IMPLEMENTED', 'TIMEOUT', 'INTERNAL'],
              },
              message: { type: 'string' },
              field: { type: 'string' },
              id: { type: 'string' },
              errorId: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const
