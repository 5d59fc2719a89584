/* The README's C example: open a temporary engine, create a stage, read it, close. */
#include <stdio.h>
#include <string.h>

#include "ivsrt/ivsrt.h"

int main(void) {
  ivsrt_engine* engine = NULL;
  ivsrt_error* error = NULL;
  if (ivsrt_engine_open(NULL, 0, &engine, &error) != IVSRT_OK) {
    fprintf(stderr, "open: %s\n", ivsrt_error_message(error));
    ivsrt_error_free(error);
    return 1;
  }
  const char* request = "{\"name\": \"demo\", \"tags\": {\"team\": \"video\"}}";
  char* response = NULL;
  size_t response_len = 0;
  int rc = ivsrt_invoke(engine, "CreateStage", strlen("CreateStage"), request, strlen(request),
                        &response, &response_len, &error);
  if (rc == IVSRT_OK) {
    printf("%s\n", response);
    ivsrt_free(response);
  }
  /* An invalid name is a ValidationException: HTTP 400, with a message naming the member. */
  const char* bad = "{\"name\": \"not valid!\"}";
  rc = ivsrt_invoke(engine, "CreateStage", strlen("CreateStage"), bad, strlen(bad), &response,
                    &response_len, &error);
  if (rc != IVSRT_OK) {
    printf("%s (%d): %s\n", ivsrt_error_type(error), ivsrt_error_http_status(error),
           ivsrt_error_message(error));
    ivsrt_error_free(error);
  }
  ivsrt_engine_close(engine);
  return 0;
}
