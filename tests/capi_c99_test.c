/* The C ABI from C99: open, invoke, an error, HTTP, the error table, free, close. Exits non-zero
 * on failure. */
#include <stdio.h>
#include <string.h>

#include "ivsrt/ivsrt.h"

static int failures = 0;
#define CHECK(cond)                                                            \
  do {                                                                         \
    if (!(cond)) {                                                             \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static int invoke(ivsrt_engine* e, const char* op, const char* body, char** out,
                  ivsrt_error** err) {
  size_t len = 0;
  return ivsrt_invoke(e, op, strlen(op), body, strlen(body), out, &len, err);
}

int main(void) {
  ivsrt_engine* engine = NULL;
  ivsrt_error* error = NULL;
  char* out = NULL;
  const char* options = "{\"region\": \"eu-west-1\", \"seed\": 1}";

  CHECK(strcmp(ivsrt_version(), IVSRT_VERSION) == 0);
  CHECK(ivsrt_version_number() == IVSRT_VERSION_NUMBER);

  /* Bad options: a frozen code, an error value, and no engine. */
  CHECK(ivsrt_engine_open("{\"bogus\": 1}", 12, &engine, &error) == IVSRT_EOPTIONS);
  CHECK(engine == NULL);
  CHECK(error != NULL && strstr(ivsrt_error_message(error), "bogus") != NULL);
  ivsrt_error_free(error);
  error = NULL;

  CHECK(ivsrt_engine_open(options, strlen(options), &engine, &error) == IVSRT_OK);
  CHECK(engine != NULL && error == NULL);

  CHECK(invoke(engine, "CreateStage", "{\"name\": \"c99\"}", &out, &error) == IVSRT_OK);
  CHECK(out != NULL && strstr(out, "arn:aws:ivs:eu-west-1:123456789012:stage/") != NULL);
  ivsrt_free(out);
  out = NULL;

  /* A service error: the return code, the AWS type, the HTTP status and a message. */
  CHECK(invoke(engine, "GetStage", "{\"arn\": \"nope\"}", &out, &error) == IVSRT_EVALIDATION);
  CHECK(out == NULL);
  CHECK(strcmp(ivsrt_error_type(error), "ValidationException") == 0);
  CHECK(ivsrt_error_http_status(error) == 400);
  CHECK(ivsrt_error_code(error) == IVSRT_EVALIDATION);
  CHECK(strstr(ivsrt_error_message(error), "arn") != NULL);
  ivsrt_error_free(error);
  error = NULL;

  CHECK(invoke(engine, "GetStage",
               "{\"arn\": \"arn:aws:ivs:eu-west-1:123456789012:stage/abcdABCDefgh\"}", &out,
               &error) == IVSRT_ENOT_FOUND);
  CHECK(ivsrt_error_http_status(error) == 404);
  ivsrt_error_free(error);
  error = NULL;

  /* A NULL error_out is allowed: only the code comes back. */
  CHECK(invoke(engine, "NoSuchOperation", "{}", &out, NULL) == IVSRT_EUNKNOWN_OPERATION);

  /* HTTP: an SDK's request, an AWS response. */
  {
    const char* headers = "Content-Type: application/json\r\n";
    const char* body = "{\"maxResults\": 0}";
    int status = 0;
    char* h = NULL;
    char* b = NULL;
    size_t hl = 0, bl = 0;
    CHECK(ivsrt_http(engine, "POST", 4, "/ListStages", 11, headers, strlen(headers), body,
                     strlen(body), &status, &h, &hl, &b, &bl, &error) == IVSRT_OK);
    CHECK(status == 400);
    CHECK(h != NULL && strstr(h, "x-amzn-ErrorType: ValidationException") != NULL);
    CHECK(b != NULL && strstr(b, "exceptionMessage") != NULL);
    ivsrt_free(h);
    ivsrt_free(b);
  }

  CHECK(invoke(NULL, "GetStage", "{}", &out, &error) == IVSRT_EMISUSE);
  CHECK(strcmp(ivsrt_error_type(error), ivsrt_code_type(IVSRT_EMISUSE)) == 0);
  CHECK(ivsrt_error_http_status(error) == ivsrt_code_http_status(IVSRT_EMISUSE));
  ivsrt_error_free(error);

  /* The error table, by code: type names and HTTP statuses without an error at hand. */
  CHECK(strcmp(ivsrt_code_type(IVSRT_EVALIDATION), "ValidationException") == 0);
  CHECK(ivsrt_code_http_status(IVSRT_EVALIDATION) == 400);
  CHECK(strcmp(ivsrt_code_type(IVSRT_EQUOTA), "ServiceQuotaExceededException") == 0);
  CHECK(ivsrt_code_http_status(IVSRT_EQUOTA) == 402);
  CHECK(strcmp(ivsrt_code_type(IVSRT_EUNKNOWN_OPERATION), "UnknownOperationException") == 0);
  CHECK(ivsrt_code_http_status(IVSRT_EUNKNOWN_OPERATION) == 404);
  CHECK(strcmp(ivsrt_code_type(IVSRT_OK), "") == 0 && ivsrt_code_http_status(IVSRT_OK) == 0);
  CHECK(strcmp(ivsrt_code_type(-1), "") == 0 && ivsrt_code_http_status(1000) == 0);

  ivsrt_engine_close(engine);
  ivsrt_engine_close(NULL);
  ivsrt_free(NULL);
  ivsrt_error_free(NULL);
  if (failures == 0) printf("capi_c99: all checks passed\n");
  return failures == 0 ? 0 : 1;
}
