/*
 * triage: reads posts from stdin, one per line, and prints for each its
 * labels and its text with personal data redacted, separated by a tab:
 *
 *   $ echo 'Ik weet waar je woont Jan de Vries, pas maar op' | ./triage
 *   threat	Ik weet waar je woont [PERSOON], pas maar op
 *
 * "-" means no label. An optional first argument is a JSON configuration
 * (see signaal_analyzer_new in signaal.h), e.g. '{"redaction": {"mode": "tag"}}'.
 * Build: see docs/c-api.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signaal.h"

/* Read one line without its newline into a growing buffer; -1 at end of input. */
static long read_line(char **buf, size_t *cap) {
    size_t n = 0;
    int c;
    while ((c = getchar()) != EOF && c != '\n') {
        if (n + 1 >= *cap) {
            *cap = *cap ? *cap * 2 : 256;
            char *grown = realloc(*buf, *cap);
            if (!grown) {
                return -1;
            }
            *buf = grown;
        }
        (*buf)[n++] = (char)c;
    }
    if (c == EOF && n == 0) {
        return -1;
    }
    return (long)n;
}

int main(int argc, char **argv) {
    const char *config = argc > 1 ? argv[1] : NULL;
    signaal_error *err = signaal_error_new();
    signaal_analyzer *analyzer = NULL;
    if (signaal_analyzer_new((const uint8_t *)config, config ? strlen(config) : 0, &analyzer, err)) {
        fprintf(stderr, "triage: %s\n", signaal_error_message(err));
        signaal_error_free(err);
        return 1;
    }

    char *line = NULL;
    size_t cap = 0;
    long len;
    unsigned long lineno = 0;
    int status = 0;
    while ((len = read_line(&line, &cap)) >= 0) {
        lineno++;
        signaal_analysis *analysis = NULL;
        if (signaal_analyze(analyzer, (const uint8_t *)(line ? line : ""), (size_t)len, &analysis, err)) {
            fprintf(stderr, "triage: line %lu: %s\n", lineno, signaal_error_message(err));
            status = 1;
            continue;
        }
        signaal_classification c;
        signaal_analysis_classification(analysis, &c);
        int printed = 0;
        for (uint32_t bit = SIGNAAL_LABEL_COMPLAINT; bit <= SIGNAAL_LABEL_POLARIZATION; bit <<= 1) {
            if (c.labels & bit) {
                printf("%s%s", printed++ ? "," : "", signaal_label_name(bit));
            }
        }
        signaal_str redacted = signaal_analysis_redacted(analysis);
        printf("%s\t%.*s\n", printed ? "" : "-", (int)redacted.len, redacted.data);
        signaal_analysis_free(analysis);
    }
    free(line);
    signaal_analyzer_free(analyzer);
    signaal_error_free(err);
    return status;
}
