// gRPC-gateway style error bodies, as the management API sends them (connectors.md §1):
// {"code": <grpc code>, "message": "...", "details": [{"@type": "...ErrorInfo", "error_code": "...",
//  "validation_error_info": {"field_violations": [{"field", "description", "constraint"}]}}]}

export const GRPC = Object.freeze({
  OK: 0,
  CANCELLED: 1,
  UNKNOWN: 2,
  INVALID_ARGUMENT: 3,
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  ALREADY_EXISTS: 6,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  ABORTED: 10,
  OUT_OF_RANGE: 11,
  UNIMPLEMENTED: 12,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  DATA_LOSS: 15,
  UNAUTHENTICATED: 16,
});

const CODE_NAMES = Object.fromEntries(Object.entries(GRPC).map(([name, code]) => [code, name]));

export const ERROR_INFO_TYPE = "type.googleapis.com/scalekit.v1.errdetails.ErrorInfo";

// The inverse of grpc-gateway's HTTPStatusFromCode, for statuses we send ourselves or that a
// `status` fault asks for.
const STATUS_TO_CODE = new Map([
  [400, GRPC.INVALID_ARGUMENT],
  [401, GRPC.UNAUTHENTICATED],
  [403, GRPC.PERMISSION_DENIED],
  [404, GRPC.NOT_FOUND],
  [405, GRPC.UNIMPLEMENTED],
  [408, GRPC.DEADLINE_EXCEEDED],
  [409, GRPC.ALREADY_EXISTS],
  [412, GRPC.FAILED_PRECONDITION],
  [413, GRPC.RESOURCE_EXHAUSTED],
  [429, GRPC.RESOURCE_EXHAUSTED],
  [499, GRPC.CANCELLED],
  [500, GRPC.INTERNAL],
  [501, GRPC.UNIMPLEMENTED],
  [503, GRPC.UNAVAILABLE],
  [504, GRPC.DEADLINE_EXCEEDED],
]);

export function grpcCodeForStatus(status) {
  if (STATUS_TO_CODE.has(status)) return STATUS_TO_CODE.get(status);
  if (status >= 400 && status < 500) return GRPC.INVALID_ARGUMENT;
  return GRPC.UNKNOWN;
}

export function grpcCodeName(code) {
  return CODE_NAMES[code] ?? "UNKNOWN";
}

/** An error the API answers with; `code` defaults to the gRPC code of `status`. */
export class ApiError extends Error {
  constructor(status, message, { code, errorCode, violations, headers } = {}) {
    super(message);
    this.status = status;
    this.code = code ?? grpcCodeForStatus(status);
    this.errorCode = errorCode ?? grpcCodeName(this.code);
    this.violations = violations ?? [];
    this.headers = headers ?? {};
  }

  body() {
    return grpcErrorBody(this.code, this.message, { errorCode: this.errorCode, violations: this.violations });
  }
}

export function grpcErrorBody(code, message, { errorCode, violations = [] } = {}) {
  const info = { "@type": ERROR_INFO_TYPE, error_code: errorCode ?? grpcCodeName(code) };
  if (violations.length > 0) info.validation_error_info = { field_violations: violations };
  return { code, message, details: [info] };
}

export function violation(field, constraint, description) {
  return { field, description, constraint };
}

/** 400 "Validation error" with field violations. */
export function validationError(violations) {
  return new ApiError(400, "Validation error", { code: GRPC.INVALID_ARGUMENT, violations });
}
