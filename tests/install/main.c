/* Links against the installed library and checks the header and library agree. */
#include <ivsrt/ivsrt.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  ivsrt_engine* engine = NULL;
  if (ivsrt_version_number() != IVSRT_VERSION_NUMBER) return 1;
  if (ivsrt_engine_open(NULL, 0, &engine, NULL) != IVSRT_OK) return 2;
  char* out = NULL;
  size_t len = 0;
  int rc = ivsrt_invoke(engine, "ListStages", 10, "{}", 2, &out, &len, NULL);
  int ok = rc == IVSRT_OK && strcmp(out, "{\"stages\":[]}") == 0;
  ivsrt_free(out);
  ivsrt_engine_close(engine);
  puts(ok ? "installed ivsrt works" : "installed ivsrt failed");
  return ok ? 0 : 3;
}
