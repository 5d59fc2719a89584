/*
 * ivsrt.h: the stable C ABI of ivsrt, an embeddable, in-process implementation of the
 * Amazon IVS Real-Time stage API (service "ivs-realtime", API version 2020-07-14).
 *
 * This header is the contract. It compiles as C99 and as C++.
 *
 * Requests and responses are JSON shaped exactly like the AWS API: the AWS API reference
 * is the specification of every operation, and this ABI does not grow with each one.
 *
 * Conventions
 * - Every function taking input takes (pointer, length) pairs; inputs need not be
 *   NUL-terminated and are never retained after the call returns.
 * - Functions that can fail return 0 (IVSRT_OK) on success and one of the frozen IVSRT_E*
 *   codes below otherwise. On failure every output is set to NULL / 0, and *error_out (when
 *   error_out is not NULL) receives an error the caller frees with ivsrt_error_free().
 * - Every buffer returned through an output parameter belongs to the caller, is
 *   NUL-terminated for convenience (the length excludes the NUL), and is freed with
 *   ivsrt_free().
 * - ivsrt_engine_close(), ivsrt_free() and ivsrt_error_free() accept NULL.
 * - No exception, abort or crash crosses this ABI: an unexpected failure inside the
 *   library is reported as InternalServerException (IVSRT_EINTERNAL).
 *
 * Threads
 * - One engine may be used from any number of threads at once. The library keeps no
 *   per-thread state visible to callers; errors are values, never a "last error".
 * - ivsrt_engine_close() must not race with other calls on the same engine: the caller
 *   ensures no call on that engine is in flight or starts afterwards (the bindings guard
 *   this for you).
 */
#ifndef IVSRT_IVSRT_H_
#define IVSRT_IVSRT_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define IVSRT_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define IVSRT_EXPORT __attribute__((visibility("default")))
#else
#define IVSRT_EXPORT
#endif

/* Version: string "X.Y.Z" and number X*1000000 + Y*1000 + Z (as SQLite). */
#define IVSRT_VERSION "0.1.0"
#define IVSRT_VERSION_NUMBER 1000
#define IVSRT_VERSION_MAJOR 0

/*
 * Return codes. Frozen: values never change; new ones are only added. Each is documented as
 * "type, HTTP status": the type name and HTTP status of its errors (ivsrt_error_type(),
 * ivsrt_error_http_status()), which ivsrt_code_type() and ivsrt_code_http_status() also give.
 */
#define IVSRT_OK 0
#define IVSRT_EVALIDATION 1           /* ValidationException, HTTP 400 */
#define IVSRT_EACCESS_DENIED 2        /* AccessDeniedException, HTTP 403 */
#define IVSRT_EPENDING_VERIFICATION 3 /* PendingVerification, HTTP 403 */
#define IVSRT_ENOT_FOUND 4            /* ResourceNotFoundException, HTTP 404 */
#define IVSRT_ECONFLICT 5             /* ConflictException, HTTP 409 */
#define IVSRT_EQUOTA 6                /* ServiceQuotaExceededException, HTTP 402 */
#define IVSRT_EINTERNAL 7             /* InternalServerException, HTTP 500 */
/* A NULL engine or NULL required output pointer. */
#define IVSRT_EMISUSE 8 /* InvalidArgument, HTTP 400 */
/* Engine options invalid, or the store cannot be opened. */
#define IVSRT_EOPTIONS 9 /* InvalidOptions, HTTP 400 */
/* No such operation, or a valid request of an operation ivsrt does not implement yet. */
#define IVSRT_EUNKNOWN_OPERATION 10 /* UnknownOperationException, HTTP 404 */

typedef struct ivsrt_engine ivsrt_engine;
typedef struct ivsrt_error ivsrt_error;

/* The library version, "X.Y.Z", a static string. */
IVSRT_EXPORT const char* ivsrt_version(void);
/* The library version as X*1000000 + Y*1000 + Z. */
IVSRT_EXPORT int ivsrt_version_number(void);

/*
 * Opens an engine. options_json is a JSON object (NULL or empty means "{}") with members:
 *   "data_dir":   string; the LMDB store directory, created (mode 0700) if missing. Absent:
 *                 a private temporary store, removed at close.
 *   "region":     string, default "us-east-1"; the region of ivsrt_invoke() requests.
 *   "account_id": string of 12 digits, default "123456789012".
 *   "durability": "sync" (default; every acknowledged write is on disk) or "nosync"
 *                 (faster; a machine crash may lose recent writes, never corrupts).
 *   "seed":       non-negative integer; deterministic ids, tokens and signing key.
 *   "clock":      "system" (default) or an ISO-8601 instant such as "2026-01-02T03:04:05Z"
 *                 that starts a manual clock (see the test-control operations).
 *   "quotas":     object of non-negative integers, each optional: resources per account and
 *                 region ("stages" 1000, "compositions" 20, "encoderConfigurations" 20,
 *                 "storageConfigurations" 5, "publicKeys" 3, "ingestConfigurations" 100,
 *                 AWS's defaults) and participants subscribed at once per stage
 *                 ("stageSubscribers" 10000).
 *   "session_end_delay_seconds": 0..86400, default 180; how long a stage session outlives its
 *                 last participant (README, "The simulated media plane").
 *   "strict":     boolean, default false; true rejects unknown request members.
 * Unknown or invalid options fail with IVSRT_EOPTIONS.
 * On success *engine_out is a new engine, released with ivsrt_engine_close().
 * Several engines (and processes) may share one data_dir.
 */
IVSRT_EXPORT int ivsrt_engine_open(const char* options_json, size_t options_len,
                                   ivsrt_engine** engine_out, ivsrt_error** error_out);

/* Closes an engine; NULL is fine. A temporary store (no data_dir) is removed. */
IVSRT_EXPORT void ivsrt_engine_close(ivsrt_engine* engine);

/*
 * Invokes one operation in the engine's region and account.
 * operation: an AWS operation name ("CreateStage", "TagResource", ...) or a test-control
 *   operation (names start with "ivsrt:", which no AWS operation name can):
 *     "ivsrt:VerifyParticipantToken" {"token": "..."} ->
 *        {"valid": true, "claims": {...}} or {"valid": false, "reason": "...", ...};
 *        reasons: "malformed", "bad_signature", "expired", "revoked", "stage_deleted".
 *     "ivsrt:SetClock" {"time": "2026-01-02T03:04:05Z"} -> {"time": ...}; starts the manual clock.
 *     "ivsrt:AdvanceClock" {"seconds": N} -> {"time": ...}; the manual clock moves on N seconds.
 *     "ivsrt:GetClock" {} -> {"time": ..., "manual": bool}.
 *     "ivsrt:Reset" {} -> {}; removes every stage, tag and participant of the store.
 *     "ivsrt:ListOperations" {} -> {"operations": [{"name": "CreateStage", "implemented": true},
 *        ...]}: every operation of the service model, then every test-control operation.
 *   An operation of the model that ivsrt does not implement yet validates its request all the
 *   same: invalid input is IVSRT_EVALIDATION, a valid request IVSRT_EUNKNOWN_OPERATION.
 * request_json: the operation's input as the AWS API defines it (the tag operations too:
 *   {"resourceArn": "...", "tags": {...}} and {"resourceArn": "...", "tagKeys": [...]}).
 *   NULL or empty means "{}".
 * On success *response_json_out is the output JSON exactly as AWS sends it (caller frees
 * with ivsrt_free()). On failure the return code names the AWS error type and *error_out
 * (if error_out is not NULL) carries it.
 */
IVSRT_EXPORT int ivsrt_invoke(ivsrt_engine* engine, const char* operation, size_t operation_len,
                              const char* request_json, size_t request_len,
                              char** response_json_out, size_t* response_len_out,
                              ivsrt_error** error_out);

/*
 * Answers one HTTP request exactly as the AWS endpoint would, for SDKs answered in-process.
 *   method:  "GET", "POST", "DELETE", ...
 *   target:  the request target: path and optional "?query", percent-encoded as sent
 *            ("/CreateStage", "/tags/arn%3Aaws%3Aivs%3A...?tagKeys=a&tagKeys=b").
 *   headers: the request headers as "Name: value" lines separated by "\r\n" or "\n"
 *            (may be empty). The region is taken from the SigV4 credential scope of the
 *            Authorization header, else from the Host header (ivsrealtime.REGION.amazonaws.com),
 *            else the engine's region. A credential scope that is not five '/'-separated
 *            elements is answered 403 IncompleteSignatureException, one whose region is not
 *            [a-z0-9-]{1,64} 403 InvalidSignatureException, as AWS answers them (the
 *            signature itself is not checked). Test-control operations are not reachable here.
 *   body:    the request body.
 * The response: *status_out (200, 400, 402, 403, 404, 409, 500), *headers_out as
 * "Name: value\r\n" lines (Content-Type, x-amzn-RequestId, and on errors x-amzn-ErrorType),
 * *body_out the JSON body; an AWS error is an HTTP response like any other, with body
 * {"exceptionMessage": "...", "message": "..."}. Returns IVSRT_OK whenever a response was
 * produced (whatever its status); IVSRT_EMISUSE for a NULL engine or output pointer.
 * The caller frees *headers_out and *body_out with ivsrt_free().
 */
IVSRT_EXPORT int ivsrt_http(ivsrt_engine* engine, const char* method, size_t method_len,
                            const char* target, size_t target_len, const char* headers,
                            size_t headers_len, const char* body, size_t body_len, int* status_out,
                            char** headers_out, size_t* headers_len_out, char** body_out,
                            size_t* body_len_out, ivsrt_error** error_out);

/* Frees a buffer returned by this library; NULL is fine. */
IVSRT_EXPORT void ivsrt_free(void* p);

/* The AWS error type name: "ValidationException", "ResourceNotFoundException", ...
 * Valid until ivsrt_error_free(e). */
IVSRT_EXPORT const char* ivsrt_error_type(const ivsrt_error* e);
/* A human-readable message naming the member and the rule. Valid until ivsrt_error_free(e). */
IVSRT_EXPORT const char* ivsrt_error_message(const ivsrt_error* e);
/* The HTTP status AWS answers with for this error (400, 402, 403, 404, 409, 500). */
IVSRT_EXPORT int ivsrt_error_http_status(const ivsrt_error* e);
/* The IVSRT_E* code of this error. */
IVSRT_EXPORT int ivsrt_error_code(const ivsrt_error* e);
/* Frees an error; NULL is fine. */
IVSRT_EXPORT void ivsrt_error_free(ivsrt_error* e);

/* The type name of the errors of an IVSRT_E* code ("ValidationException" for
 * IVSRT_EVALIDATION, ...), a static string; "" for IVSRT_OK and for codes this version does
 * not define. */
IVSRT_EXPORT const char* ivsrt_code_type(int code);
/* The HTTP status of the errors of an IVSRT_E* code (400 for IVSRT_EVALIDATION, ...); 0 for
 * IVSRT_OK and for codes this version does not define. */
IVSRT_EXPORT int ivsrt_code_http_status(int code);

#ifdef __cplusplus
}
#endif

#endif /* IVSRT_IVSRT_H_ */
