export { HttpAdapterError, createHttpAdapter } from './createHttpAdapter'
export type { HttpAdapterOptions } from './createHttpAdapter'
export { HTTP_ROUTES } from './routes'
export type { HttpErrorBody } from './routes'
