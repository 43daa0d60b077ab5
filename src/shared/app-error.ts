const HTTP_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  BAD_SIGNATURE: 401,
  FORBIDDEN: 403,
  SIGNUP_CLOSED: 403,
  NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  SHOP_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  TEMPLATE_NOT_FOUND: 404,
  PLAYBOOK_NOT_FOUND: 404,
  OFFER_NOT_FOUND: 404,
  TASK_NOT_FOUND: 404,
  BLOCK_NOT_FOUND: 404,
  SLA_POLICY_NOT_FOUND: 404,
  SLA_CALENDAR_NOT_FOUND: 404,
  PEAK_EVENT_NOT_FOUND: 404,
  CALENDAR_OVERLAP: 409,
  IMPORT_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  CONFLICT: 409,
  OFFER_ALREADY_ACCEPTED: 409,
  ILLEGAL_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  OFFER_REFUSED: 422,
  OFFER_OVER_LIMIT: 422,
  MAPPING_INCOMPLETE: 422,
  RATE_LIMITED: 429,
  CHANNEL_UNAVAILABLE: 502,
} as const;

export type AppErrorCode = keyof typeof HTTP_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(value)}`);
}
