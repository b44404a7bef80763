/*
 * An outside oracle for test/bench/gs1-agreement.ts --rebuild, never part of the
 * product: it runs each input through GS1's reference implementation, the GS1
 * Barcode Syntax Engine (https://github.com/gs1/gs1-syntax-engine, Apache-2.0),
 * twice: with the engine's defaults, and with the two switches the store's
 * policy sets (requisite-AI validation off, zero-suppressed GTINs in Digital
 * Link URIs permitted). Build it against the engine's C library:
 *
 *   (cd <engine>/src/c-lib && make lib)
 *   cc -I<engine>/src/c-lib test/bench/gs1-oracle.c <engine>/src/c-lib/build/libgs1encoders.a -o /tmp/gs1-oracle
 *
 * Input lines: "<ai|scan|data> <input as hex>". Output: a "#version" line, then
 * per input "<valid> <valid under store policy> <message hex> <HRI hex,…>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include "gs1encoders.h"

static int unhex(const char *h, char *out) {
  size_t n = strlen(h) / 2; size_t i;
  for (i = 0; i < n; i++) { unsigned v; sscanf(h + 2*i, "%2x", &v); out[i] = (char)v; }
  out[n] = 0; return (int)n;
}
static void hex(const char *s) { while (*s) printf("%02x", (unsigned char)*s++); }

static bool run(gs1_encoder *ctx, const char *mode, const char *in) {
  if (strcmp(mode, "ai") == 0) return gs1_encoder_setAIdataStr(ctx, in);
  if (strcmp(mode, "scan") == 0) return gs1_encoder_setScanData(ctx, in);
  return gs1_encoder_setDataStr(ctx, in);
}

int main(void) {
  static char line[20000], in[10000];
  gs1_encoder *strict = gs1_encoder_init_ex(NULL, NULL);
  gs1_encoder *loose = gs1_encoder_init_ex(NULL, NULL);
  if (!strict || !loose) return 1;
  gs1_encoder_setValidationEnabled(loose, gs1_encoder_vREQUISITE_AIS, false);
  gs1_encoder_setPermitZeroSuppressedGTINinDLuris(loose, true);
  printf("#version %s\n", gs1_encoder_getVersion());
  while (fgets(line, sizeof line, stdin)) {
    char *mode = strtok(line, " \n"); char *h = strtok(NULL, " \n");
    bool v1, v2; char **hri; int n, i;
    if (!mode) continue;
    unhex(h ? h : "", in);
    v1 = run(strict, mode, in);
    v2 = run(loose, mode, in);
    printf("%d %d ", v1, v2);
    hex(gs1_encoder_getErrMsg(loose)[0] ? gs1_encoder_getErrMsg(loose) : (v1 ? "" : gs1_encoder_getErrMsg(strict)));
    printf(" ");
    n = v2 ? gs1_encoder_getHRI(loose, &hri) : 0;
    for (i = 0; i < n; i++) { if (i) printf(","); hex(hri[i]); }
    printf("\n");
  }
  return 0;
}
