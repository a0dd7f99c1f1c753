/*
 * Tests of the signaal C ABI, in plain C11 against include/signaal.h.
 *
 *   test_signaal EXPECTED_DIR MODEL_FILE
 *
 * EXPECTED_DIR holds what bindings/c/tests/agreement.rs writes
 * (c-dev-texts.bin, c-expected.jsonl, c-config.json,
 * c-expected-configured.jsonl) and bindings/c/tests/golden.rs writes
 * (c-golden.tsv); MODEL_FILE is data/model/signaal-nl.bin.
 * scripts/test-c.sh builds and runs this under valgrind and ASan/UBSan.
 *
 * The runner follows regex-capi's ctest/test.c: each test is a function
 * returning whether it passed; run_test prints its name and verdict.
 */
/* mkstemp, fdopen, strdup */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "signaal.h"

static const char *expected_dir;
static const char *model_file;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "    %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            ok = false;                                                              \
        }                                                                            \
    } while (0)

#define U8(s) ((const uint8_t *)(s))

static bool str_eq(signaal_str v, const char *s) {
    return v.data != NULL && v.len == strlen(s) && memcmp(v.data, s, v.len) == 0 && v.data[v.len] == '\0';
}

static bool contains(const char *haystack, const char *needle) {
    return strstr(haystack, needle) != NULL;
}

static signaal_analyzer *new_analyzer(const char *config) {
    signaal_analyzer *a = NULL;
    signaal_status st = signaal_analyzer_new(U8(config), config ? strlen(config) : 0, &a, NULL);
    if (st != SIGNAAL_STATUS_OK) {
        fprintf(stderr, "    analyzer_new failed: %s\n", signaal_status_str(st));
        return NULL;
    }
    return a;
}

/* Create an analyzer from `config`, expecting `want`; checks the message. */
static bool config_fails(const char *config, size_t len, signaal_status want, const char *in_message,
                         const char *never_in_message) {
    bool ok = true;
    signaal_error *err = signaal_error_new();
    signaal_analyzer *sentinel = (signaal_analyzer *)&ok;
    signaal_analyzer *a = sentinel;
    signaal_status st = signaal_analyzer_new(U8(config), len, &a, err);
    if (st != want) {
        fprintf(stderr, "    config %s: got %s (%s), want %s\n", config, signaal_status_str(st),
                signaal_error_message(err), signaal_status_str(want));
        ok = false;
    }
    CHECK(a == sentinel); /* out untouched on failure */
    CHECK(signaal_error_status(err) == want);
    if (in_message) {
        CHECK(contains(signaal_error_message(err), in_message));
    }
    if (never_in_message) {
        CHECK(!contains(signaal_error_message(err), never_in_message));
    }
    signaal_error_free(err);
    return ok;
}

/* ---------------------------------------------------------------- files */

static char *read_file(const char *dir, const char *name, size_t *len) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open %s\n", path);
        exit(2);
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n - 1 == 0) {
            cap *= 2;
            buf = realloc(buf, cap);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len) {
        *len = n;
    }
    return buf;
}

typedef struct {
    char *buf;          /* owns every text */
    signaal_text *texts;
    size_t count;
} corpus;

static corpus read_texts(void) {
    corpus c = {0};
    size_t len;
    c.buf = read_file(expected_dir, "c-dev-texts.bin", &len);
    size_t cap = 1024;
    c.texts = malloc(cap * sizeof *c.texts);
    char *p = c.buf, *end = c.buf + len;
    while (p < end) {
        char *nl;
        size_t n = strtoul(p, &nl, 10);
        if (*nl != '\n' || nl + 1 + n + 1 > end) {
            fprintf(stderr, "bad c-dev-texts.bin\n");
            exit(2);
        }
        if (c.count == cap) {
            cap *= 2;
            c.texts = realloc(c.texts, cap * sizeof *c.texts);
        }
        c.texts[c.count].data = U8(nl + 1);
        c.texts[c.count].len = n;
        c.count++;
        p = nl + 1 + n + 1;
    }
    return c;
}

typedef struct {
    char *buf;
    char **lines;
    size_t *lens;
    size_t count;
} lines;

static lines read_lines(const char *name) {
    lines l = {0};
    size_t len;
    l.buf = read_file(expected_dir, name, &len);
    size_t cap = 1024;
    l.lines = malloc(cap * sizeof *l.lines);
    l.lens = malloc(cap * sizeof *l.lens);
    char *p = l.buf, *end = l.buf + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            nl = end;
        }
        if (l.count == cap) {
            cap *= 2;
            l.lines = realloc(l.lines, cap * sizeof *l.lines);
            l.lens = realloc(l.lens, cap * sizeof *l.lens);
        }
        l.lines[l.count] = p;
        l.lens[l.count] = (size_t)(nl - p);
        l.count++;
        p = nl + 1;
    }
    return l;
}

static void free_corpus(corpus *c) {
    free(c->buf);
    free(c->texts);
}

static void free_lines(lines *l) {
    free(l->buf);
    free(l->lines);
    free(l->lens);
}

static bool json_is(signaal_str json, const lines *expected, size_t i) {
    return json.data != NULL && json.len == expected->lens[i] && memcmp(json.data, expected->lines[i], json.len) == 0 &&
           json.data[json.len] == '\0';
}

/* ---------------------------------------------------------------- tests */

static bool test_version(void) {
    bool ok = true;
    char want[64];
    snprintf(want, sizeof want, "%d.%d.%d", SIGNAAL_VERSION_MAJOR, SIGNAAL_VERSION_MINOR, SIGNAAL_VERSION_PATCH);
    CHECK(strcmp(signaal_version(), want) == 0);
    CHECK(strlen(signaal_builtin_model_version()) > 0);
    return ok;
}

static bool test_status_str(void) {
    bool ok = true;
    const signaal_status all[] = {
        SIGNAAL_STATUS_OK,         SIGNAAL_STATUS_NULL_PARAMETER, SIGNAAL_STATUS_INVALID_UTF8,
        SIGNAAL_STATUS_INVALID_CONFIG, SIGNAAL_STATUS_INVALID_MODEL,  SIGNAAL_STATUS_INVALID_INPUT,
        SIGNAAL_STATUS_IO,         SIGNAAL_STATUS_PANIC,          SIGNAAL_STATUS_UNKNOWN,
    };
    size_t n = sizeof all / sizeof all[0];
    CHECK(SIGNAAL_STATUS_OK == 0);
    for (size_t i = 0; i < n; i++) {
        const char *s = signaal_status_str(all[i]);
        CHECK(s != NULL && strlen(s) > 0);
        for (size_t j = 0; j < i; j++) {
            CHECK(all[i] != all[j]);
            CHECK(strcmp(s, signaal_status_str(all[j])) != 0);
        }
    }
    CHECK(strcmp(signaal_status_str(SIGNAAL_STATUS_OK), "ok") == 0);
    CHECK(strcmp(signaal_status_str(-1), "unrecognised status") == 0);
    CHECK(strcmp(signaal_status_str(1000), "unrecognised status") == 0);
    return ok;
}

static bool test_error_object(void) {
    bool ok = true;
    signaal_error *err = signaal_error_new();
    CHECK(err != NULL);
    CHECK(strcmp(signaal_error_message(err), "") == 0);
    CHECK(signaal_error_status(err) == SIGNAAL_STATUS_OK);
    CHECK(strcmp(signaal_error_message(NULL), "") == 0);
    CHECK(signaal_error_status(NULL) == SIGNAAL_STATUS_OK);

    /* A failure fills it; a later success leaves it untouched. */
    signaal_analyzer *a = NULL;
    CHECK(signaal_analyzer_new(U8("{"), 1, &a, err) == SIGNAAL_STATUS_INVALID_CONFIG);
    CHECK(signaal_error_status(err) == SIGNAAL_STATUS_INVALID_CONFIG);
    CHECK(contains(signaal_error_message(err), "not valid JSON"));
    CHECK(signaal_analyzer_new(NULL, 0, &a, err) == SIGNAAL_STATUS_OK);
    CHECK(signaal_error_status(err) == SIGNAAL_STATUS_INVALID_CONFIG);
    signaal_analyzer_free(a);
    signaal_error_free(err);
    signaal_error_free(NULL);
    return ok;
}

static bool test_free_null(void) {
    signaal_analyzer_free(NULL);
    signaal_analysis_free(NULL);
    signaal_redaction_free(NULL);
    signaal_batch_free(NULL);
    signaal_error_free(NULL);
    return true;
}

static bool test_analyzer_defaults(void) {
    bool ok = true;
    signaal_analyzer *a = new_analyzer(NULL);
    CHECK(a != NULL);
    CHECK(str_eq(signaal_analyzer_model_name(a), "signaal-nl"));
    CHECK(str_eq(signaal_analyzer_model_version(a), signaal_builtin_model_version()));
    signaal_str none = signaal_analyzer_model_name(NULL);
    CHECK(none.data == NULL && none.len == 0);
    none = signaal_analyzer_model_version(NULL);
    CHECK(none.data == NULL && none.len == 0);
    signaal_analyzer_free(a);

    /* An empty configuration object is the defaults too. */
    a = new_analyzer("{}");
    CHECK(a != NULL);
    signaal_analyzer_free(a);
    return ok;
}

static bool test_model_file(void) {
    bool ok = true;
    char config[4200];
    snprintf(config, sizeof config, "{\"model\": \"%s\"}", model_file);
    signaal_analyzer *a = new_analyzer(config);
    CHECK(a != NULL);
    CHECK(str_eq(signaal_analyzer_model_version(a), signaal_builtin_model_version()));
    signaal_analyzer_free(a);

    /* A missing file is IO; the message names no path contents. */
    const char *missing = "{\"model\": \"/nonexistent/signaal/model.bin\"}";
    ok &= config_fails(missing, strlen(missing), SIGNAAL_STATUS_IO, "reading model file", NULL);

    /* A file of garbage bytes is INVALID_MODEL. */
    char path[] = "/tmp/signaal-test-model-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    for (int i = 0; i < 4096; i++) {
        fputc((i * 7919 + 13) & 0xff, f);
    }
    fclose(f);
    snprintf(config, sizeof config, "{\"model\": \"%s\"}", path);
    ok &= config_fails(config, strlen(config), SIGNAAL_STATUS_INVALID_MODEL, NULL, NULL);

    /* A real model file cut short is INVALID_MODEL too. */
    size_t len;
    char *dir = strdup(model_file);
    char *slash = strrchr(dir, '/');
    *slash = '\0';
    char *bytes = read_file(dir, slash + 1, &len);
    f = fopen(path, "wb");
    fwrite(bytes, 1, len / 2, f);
    fclose(f);
    ok &= config_fails(config, strlen(config), SIGNAAL_STATUS_INVALID_MODEL, NULL, NULL);
    /* ... and so is one with a flipped byte in the middle. */
    bytes[len / 2] ^= 0x55;
    f = fopen(path, "wb");
    fwrite(bytes, 1, len, f);
    fclose(f);
    ok &= config_fails(config, strlen(config), SIGNAAL_STATUS_INVALID_MODEL, NULL, NULL);
    free(bytes);
    free(dir);
    remove(path);
    return ok;
}

static bool test_bad_configs(void) {
    bool ok = true;
    const char *c;
    c = "{\"thresholds\": ";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "not valid JSON", NULL);
    c = "[1, 2]";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, NULL, NULL);
    c = "";
    ok &= config_fails(c, 0, SIGNAAL_STATUS_INVALID_CONFIG, NULL, NULL);
    c = "{\"treshold\": {\"tip\": 0.5}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "unknown field", NULL);
    /* a list where an object belongs is not read as the fields in order */
    c = "{\"redaction\": [\"tag\"]}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "wrong type", NULL);
    c = "{\"redaction\": {\"mdoe\": \"tag\"}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "unknown field", NULL);
    c = "{\"thresholds\": {\"threat\": 1.5}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "threshold", NULL);
    c = "{\"thresholds\": {\"spam\": 0.5}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, NULL, "spam");
    /* an unknown mode name is not echoed: it could be a misplaced secret */
    c = "{\"redaction\": {\"mode\": \"hunter2-secret\"}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, NULL, "hunter2");
    c = "{\"redaction\": {\"min_confidence\": 2}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "min_confidence", NULL);
    c = "{\"redaction\": {\"modes\": {\"person\": \"pseudonym\"}}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "pseudonym key", NULL);
    c = "{\"redaction\": {\"mode\": \"pseudonym\"}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "pseudonym key", NULL);
    c = "{\"redaction\": {\"mode\": \"pseudonym\", \"pseudonym_key\": \"short-k3y\"}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, "at least 16 bytes", "short-k3y");
    c = "{\"redaction\": {\"pseudonym_key\": 12345678901234567890}}";
    ok &= config_fails(c, strlen(c), SIGNAAL_STATUS_INVALID_CONFIG, NULL, "1234567890");
    /* a key is fine with a disabled pseudonym kind, and a good key works */
    c = "{\"redaction\": {\"modes\": {\"person\": \"pseudonym\"}, \"disable\": [\"person\"]}}";
    signaal_analyzer *a = new_analyzer(c);
    CHECK(a != NULL);
    signaal_analyzer_free(a);
    c = "{\"redaction\": {\"mode\": \"pseudonym\", \"pseudonym_key\": \"a-key-of-24-bytes-secret\"}}";
    a = new_analyzer(c);
    CHECK(a != NULL);
    signaal_redaction *r = NULL;
    const char *t = "Bel 06-12345678";
    CHECK(signaal_redact(a, U8(t), strlen(t), &r, NULL) == SIGNAAL_STATUS_OK);
    signaal_str red = signaal_redaction_text(r);
    CHECK(red.len == strlen("Bel [TELEFOON_xxxxxx]") && memcmp(red.data, "Bel [TELEFOON_", 14) == 0);
    CHECK(!contains(red.data, "secret"));
    signaal_redaction_free(r);
    signaal_analyzer_free(a);
    /* config that is not UTF-8 */
    ok &= config_fails("{\"model\": \"\xff\"}", 14, SIGNAAL_STATUS_INVALID_UTF8, "offset 11", NULL);
    return ok;
}

static bool test_null_parameters(void) {
    bool ok = true;
    signaal_analyzer *a = new_analyzer(NULL);
    signaal_error *err = signaal_error_new();
    const char *t = "hoi";
    signaal_analysis *an = (signaal_analysis *)&ok;
    signaal_redaction *re = (signaal_redaction *)&ok;
    signaal_batch *ba = (signaal_batch *)&ok;
    signaal_classification cl = {.labels = 0xdead};
    signaal_text texts[1] = {{U8(t), 3}};

    CHECK(signaal_analyzer_new(NULL, 0, NULL, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(contains(signaal_error_message(err), "`out`"));

    CHECK(signaal_analyze(NULL, U8(t), 3, &an, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(contains(signaal_error_message(err), "`analyzer`"));
    CHECK(signaal_analyze(a, NULL, 3, &an, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(contains(signaal_error_message(err), "`text`"));
    CHECK(signaal_analyze(a, NULL, 0, &an, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_analyze(a, U8(t), 3, NULL, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(an == (signaal_analysis *)&ok);

    CHECK(signaal_classify(NULL, U8(t), 3, &cl, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_classify(a, NULL, 3, &cl, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_classify(a, U8(t), 3, NULL, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(cl.labels == 0xdead);

    CHECK(signaal_redact(NULL, U8(t), 3, &re, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_redact(a, NULL, 3, &re, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_redact(a, U8(t), 3, NULL, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(re == (signaal_redaction *)&ok);

    CHECK(signaal_analyze_batch(NULL, texts, 1, &ba, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_analyze_batch(a, NULL, 1, &ba, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_analyze_batch(a, NULL, 0, &ba, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(signaal_analyze_batch(a, texts, 1, NULL, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    texts[0].data = NULL;
    CHECK(signaal_analyze_batch(a, texts, 1, &ba, err) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(contains(signaal_error_message(err), "texts[0]"));
    CHECK(ba == (signaal_batch *)&ok);

    CHECK(signaal_analysis_classification(NULL, &cl) == SIGNAAL_STATUS_NULL_PARAMETER);
    CHECK(cl.labels == 0xdead);

    /* Getters on NULL give empty views, NULL, 0. */
    signaal_str s = signaal_analysis_json(NULL);
    CHECK(s.data == NULL && s.len == 0);
    s = signaal_analysis_redacted(NULL);
    CHECK(s.data == NULL && s.len == 0);
    s = signaal_redaction_text(NULL);
    CHECK(s.data == NULL && s.len == 0);
    signaal_entity_slice e = signaal_analysis_entities(NULL);
    CHECK(e.data == NULL && e.len == 0);
    e = signaal_redaction_entities(NULL);
    CHECK(e.data == NULL && e.len == 0);
    CHECK(signaal_batch_len(NULL) == 0);
    CHECK(signaal_batch_get(NULL, 0) == NULL);

    /* err itself is optional */
    CHECK(signaal_analyze(a, NULL, 3, &an, NULL) == SIGNAAL_STATUS_NULL_PARAMETER);
    signaal_error_free(err);
    signaal_analyzer_free(a);
    return ok;
}

static bool test_invalid_utf8_and_input(void) {
    bool ok = true;
    signaal_analyzer *a = new_analyzer(NULL);
    signaal_error *err = signaal_error_new();
    const char *bad = "Bel Jan op 06-12345678 \xc3\x28 ok"; /* \xc3 starts a 2-byte sequence; \x28 is no continuation */
    size_t n = strlen(bad);
    signaal_analysis *an = (signaal_analysis *)&ok;
    signaal_redaction *re = (signaal_redaction *)&ok;
    signaal_batch *ba = (signaal_batch *)&ok;
    signaal_classification cl = {.labels = 0xdead};

    CHECK(signaal_analyze(a, U8(bad), n, &an, err) == SIGNAAL_STATUS_INVALID_UTF8);
    CHECK(contains(signaal_error_message(err), "offset 23"));
    CHECK(!contains(signaal_error_message(err), "06-12345678")); /* never the text */
    CHECK(!contains(signaal_error_message(err), "Jan"));
    CHECK(signaal_classify(a, U8(bad), n, &cl, err) == SIGNAAL_STATUS_INVALID_UTF8);
    CHECK(signaal_redact(a, U8(bad), n, &re, err) == SIGNAAL_STATUS_INVALID_UTF8);
    /* a text cut inside a multi-byte character is invalid too */
    const char *emoji = "hoi \xf0\x9f\x98\x80";
    CHECK(signaal_analyze(a, U8(emoji), strlen(emoji) - 1, &an, err) == SIGNAAL_STATUS_INVALID_UTF8);
    signaal_text texts[3] = {{U8("goed"), 4}, {U8("ook goed"), 8}, {U8(bad), n}};
    CHECK(signaal_analyze_batch(a, texts, 3, &ba, err) == SIGNAAL_STATUS_INVALID_UTF8);
    CHECK(contains(signaal_error_message(err), "texts[2]"));
    CHECK(signaal_error_status(err) == SIGNAAL_STATUS_INVALID_UTF8);

    /* Lengths beyond PTRDIFF_MAX are INVALID_INPUT, checked before any read. */
    CHECK(signaal_analyze(a, U8("x"), SIZE_MAX, &an, err) == SIGNAAL_STATUS_INVALID_INPUT);
    CHECK(signaal_classify(a, U8("x"), SIZE_MAX, &cl, err) == SIGNAAL_STATUS_INVALID_INPUT);
    CHECK(signaal_redact(a, U8("x"), SIZE_MAX, &re, err) == SIGNAAL_STATUS_INVALID_INPUT);
    CHECK(signaal_analyze_batch(a, texts, SIZE_MAX / 2, &ba, err) == SIGNAAL_STATUS_INVALID_INPUT);
    CHECK(signaal_error_status(err) == SIGNAAL_STATUS_INVALID_INPUT);
    CHECK(an == (signaal_analysis *)&ok && re == (signaal_redaction *)&ok && ba == (signaal_batch *)&ok);
    CHECK(cl.labels == 0xdead);
    signaal_error_free(err);
    signaal_analyzer_free(a);
    return ok;
}

static bool test_analyze(void) {
    bool ok = true;
    signaal_analyzer *a = new_analyzer(NULL);
    const char *t = "Ik weet waar je woont Jan de Vries, pas maar op. Bel 06-12345678 \xf0\x9f\x94\xaa";
    signaal_analysis *an = NULL;
    CHECK(signaal_analyze(a, U8(t), strlen(t), &an, NULL) == SIGNAAL_STATUS_OK);
    signaal_str json = signaal_analysis_json(an);
    CHECK(json.data != NULL && json.data[json.len] == '\0' && strlen(json.data) == json.len);
    CHECK(strncmp(json.data, "{\"language\":{\"code\":\"nl\"", 24) == 0);
    CHECK(contains(json.data, "\"labels\":[\"threat\"") || contains(json.data, "\"threat\""));
    CHECK(contains(json.data, "\"model\":{\"name\":\"signaal-nl\""));
    CHECK(!contains(json.data, "06-12345678")); /* values only when asked for */

    signaal_str red = signaal_analysis_redacted(an);
    CHECK(str_eq(red, "Ik weet waar je woont [PERSOON], pas maar op. Bel [TELEFOON] \xf0\x9f\x94\xaa"));

    signaal_entity_slice es = signaal_analysis_entities(an);
    CHECK(es.len == 2);
    if (es.len == 2) {
        CHECK(es.data[0].kind == SIGNAAL_ENTITY_KIND_PERSON);
        CHECK(memcmp(t + es.data[0].start, "Jan de Vries", es.data[0].end - es.data[0].start) == 0);
        CHECK(es.data[1].kind == SIGNAAL_ENTITY_KIND_PHONE);
        CHECK(memcmp(t + es.data[1].start, "06-12345678", 11) == 0);
        CHECK(es.data[1].end - es.data[1].start == 11 && es.data[1].char_end - es.data[1].char_start == 11);
        CHECK(es.data[1].confidence > 0.5f && es.data[1].confidence <= 1.0f);
    }
    signaal_classification c;
    CHECK(signaal_analysis_classification(an, &c) == SIGNAAL_STATUS_OK);
    CHECK(c.labels & SIGNAAL_LABEL_THREAT);
    CHECK(c.threat > 0.5 && c.threat <= 1.0);
    signaal_analysis_free(an);

    /* The empty post and a NUL byte inside a post are fine. */
    CHECK(signaal_analyze(a, U8(""), 0, &an, NULL) == SIGNAAL_STATUS_OK);
    CHECK(contains(signaal_analysis_json(an).data, "\"code\":\"und\""));
    CHECK(str_eq(signaal_analysis_redacted(an), ""));
    CHECK(signaal_analysis_entities(an).len == 0 && signaal_analysis_entities(an).data == NULL);
    signaal_analysis_free(an);
    const char nul[] = "bel 0612345678\0 en 0687654321";
    CHECK(signaal_analyze(a, U8(nul), sizeof nul - 1, &an, NULL) == SIGNAAL_STATUS_OK);
    red = signaal_analysis_redacted(an);
    CHECK(red.len == strlen("bel [TELEFOON]") + 1 + strlen(" en [TELEFOON]"));
    signaal_analysis_free(an);
    signaal_analyzer_free(a);
    return ok;
}

static bool test_classify(void) {
    bool ok = true;
    signaal_analyzer *a = new_analyzer(NULL);
    const char *threat = "Die agent van gisteren krijgt een kogel als ik hem tegenkom";
    const char *thanks = "Bedankt voor jullie snelle hulp vannacht, top agenten!";
    signaal_classification c;
    CHECK(signaal_classify(a, U8(threat), strlen(threat), &c, NULL) == SIGNAAL_STATUS_OK);
    CHECK(c.labels & SIGNAAL_LABEL_THREAT);
    CHECK(c.threat > 0.5);
    CHECK(c.complaint >= 0 && c.tip >= 0 && c.polarization >= 0 && c.complaint <= 1 && c.tip <= 1);
    CHECK(signaal_classify(a, U8(thanks), strlen(thanks), &c, NULL) == SIGNAAL_STATUS_OK);
    CHECK(c.labels == 0);

    /* A stricter threshold from the configuration is applied. */
    signaal_analyzer *strict = new_analyzer("{\"thresholds\": {\"threat\": 1.0}}");
    CHECK(signaal_classify(strict, U8(threat), strlen(threat), &c, NULL) == SIGNAAL_STATUS_OK);
    CHECK(!(c.labels & SIGNAAL_LABEL_THREAT));
    signaal_analyzer_free(strict);

    CHECK(strcmp(signaal_label_name(SIGNAAL_LABEL_COMPLAINT), "complaint") == 0);
    CHECK(strcmp(signaal_label_name(SIGNAAL_LABEL_TIP), "tip") == 0);
    CHECK(strcmp(signaal_label_name(SIGNAAL_LABEL_THREAT), "threat") == 0);
    CHECK(strcmp(signaal_label_name(SIGNAAL_LABEL_POLARIZATION), "polarization") == 0);
    CHECK(signaal_label_name(0) == NULL && signaal_label_name(3) == NULL && signaal_label_name(16) == NULL);
    signaal_analyzer_free(a);
    return ok;
}

static bool test_redact(void) {
    bool ok = true;
    signaal_analyzer *a = new_analyzer(NULL);
    const char *t = "Bel Jan de Vries op 06-12345678 \xf0\x9f\x98\x80 of mail jan@example.com";
    signaal_redaction *r = NULL;
    CHECK(signaal_redact(a, U8(t), strlen(t), &r, NULL) == SIGNAAL_STATUS_OK);
    CHECK(str_eq(signaal_redaction_text(r), "Bel [PERSOON] op [TELEFOON] \xf0\x9f\x98\x80 of mail [EMAIL]"));
    signaal_entity_slice es = signaal_redaction_entities(r);
    CHECK(es.len == 3);
    if (es.len == 3) {
        CHECK(es.data[0].kind == SIGNAAL_ENTITY_KIND_PERSON && es.data[0].start == 4 && es.data[0].end == 16);
        CHECK(es.data[1].kind == SIGNAAL_ENTITY_KIND_PHONE && es.data[1].start == 20 && es.data[1].char_start == 20);
        /* after the 4-byte emoji, bytes and code points differ by 3 */
        CHECK(es.data[2].kind == SIGNAAL_ENTITY_KIND_EMAIL);
        CHECK(es.data[2].start - es.data[2].char_start == 3);
        CHECK(memcmp(t + es.data[2].start, "jan@example.com", 15) == 0);
        for (size_t i = 0; i < es.len; i++) {
            CHECK(es.data[i].confidence >= 0.5f && es.data[i].confidence <= 1.0f);
        }
    }
    signaal_redaction_free(r);

    /* Per-kind modes from the configuration. */
    signaal_analyzer *tag = new_analyzer("{\"redaction\": {\"mode\": \"tag\", \"modes\": {\"email\": \"remove\"},"
                                         " \"disable\": [\"person\"]}}");
    CHECK(signaal_redact(tag, U8(t), strlen(t), &r, NULL) == SIGNAAL_STATUS_OK);
    CHECK(str_eq(signaal_redaction_text(r), "Bel Jan de Vries op [TELEFOON_1] \xf0\x9f\x98\x80 of mail "));
    CHECK(signaal_redaction_entities(r).len == 2);
    signaal_redaction_free(r);
    signaal_analyzer_free(tag);

    /* Allowlist: the default one (police numbers) and an added one. */
    const char *p = "Bel 0900-8844 of @wijkteam_noord of @kees99";
    CHECK(signaal_redact(a, U8(p), strlen(p), &r, NULL) == SIGNAAL_STATUS_OK);
    CHECK(str_eq(signaal_redaction_text(r), "Bel 0900-8844 of [GEBRUIKER] of [GEBRUIKER]"));
    signaal_redaction_free(r);
    signaal_analyzer *allow = new_analyzer("{\"redaction\": {\"allowlist\": [\"@wijkteam_noord\"]}}");
    CHECK(signaal_redact(allow, U8(p), strlen(p), &r, NULL) == SIGNAAL_STATUS_OK);
    CHECK(str_eq(signaal_redaction_text(r), "Bel 0900-8844 of @wijkteam_noord of [GEBRUIKER]"));
    signaal_redaction_free(r);
    signaal_analyzer_free(allow);

    /* Nothing found: entities {NULL, 0}, text unchanged. */
    CHECK(signaal_redact(a, U8("niets"), 5, &r, NULL) == SIGNAAL_STATUS_OK);
    CHECK(str_eq(signaal_redaction_text(r), "niets"));
    CHECK(signaal_redaction_entities(r).len == 0 && signaal_redaction_entities(r).data == NULL);
    signaal_redaction_free(r);

    /* Kind names and tags. */
    CHECK(strcmp(signaal_entity_kind_name(SIGNAAL_ENTITY_KIND_PERSON), "person") == 0);
    CHECK(strcmp(signaal_entity_kind_name(SIGNAAL_ENTITY_KIND_LICENSE_PLATE), "license_plate") == 0);
    CHECK(strcmp(signaal_entity_kind_name(SIGNAAL_ENTITY_KIND_CREDIT_CARD), "credit_card") == 0);
    CHECK(strcmp(signaal_entity_kind_tag(SIGNAAL_ENTITY_KIND_PHONE), "TELEFOON") == 0);
    CHECK(strcmp(signaal_entity_kind_tag(SIGNAAL_ENTITY_KIND_NATIONAL_ID_BE), "RRN") == 0);
    CHECK(signaal_entity_kind_name(14) == NULL && signaal_entity_kind_name(-1) == NULL);
    CHECK(signaal_entity_kind_tag(14) == NULL);
    signaal_analyzer_free(a);
    return ok;
}

static bool test_batch(void) {
    bool ok = true;
    signaal_analyzer *a = new_analyzer(NULL);
    const char *posts[] = {"Bel 06-12345678", "", "Ik weet waar je woont, pas maar op"};
    signaal_text texts[3];
    for (int i = 0; i < 3; i++) {
        texts[i].data = U8(posts[i]);
        texts[i].len = strlen(posts[i]);
    }
    signaal_batch *b = NULL;
    CHECK(signaal_analyze_batch(a, texts, 3, &b, NULL) == SIGNAAL_STATUS_OK);
    CHECK(signaal_batch_len(b) == 3);
    for (size_t i = 0; i < 3; i++) {
        signaal_analysis *one = NULL;
        CHECK(signaal_analyze(a, texts[i].data, texts[i].len, &one, NULL) == SIGNAAL_STATUS_OK);
        signaal_str x = signaal_analysis_json(one), y = signaal_analysis_json(signaal_batch_get(b, i));
        CHECK(x.len == y.len && memcmp(x.data, y.data, x.len) == 0);
        signaal_analysis_free(one);
    }
    CHECK(str_eq(signaal_analysis_redacted(signaal_batch_get(b, 0)), "Bel [TELEFOON]"));
    signaal_classification c;
    CHECK(signaal_analysis_classification(signaal_batch_get(b, 2), &c) == SIGNAAL_STATUS_OK);
    CHECK(signaal_batch_get(b, 3) == NULL);
    CHECK(signaal_batch_get(b, SIZE_MAX) == NULL);
    signaal_batch_free(b);

    /* An empty batch. */
    CHECK(signaal_analyze_batch(a, texts, 0, &b, NULL) == SIGNAAL_STATUS_OK);
    CHECK(signaal_batch_len(b) == 0 && signaal_batch_get(b, 0) == NULL);
    signaal_batch_free(b);
    signaal_analyzer_free(a);
    return ok;
}

/* Every dev post, one at a time and as one batch, gives the JSON the Rust
 * API gives, byte for byte: with the defaults and with a configuration. */
static bool agree(const char *config, const char *expected_name) {
    bool ok = true;
    corpus c = read_texts();
    lines want = read_lines(expected_name);
    CHECK(c.count == want.count && c.count > 500);
    signaal_analyzer *a = new_analyzer(config);
    size_t mismatches = 0;
    for (size_t i = 0; i < c.count && i < want.count; i++) {
        signaal_analysis *an = NULL;
        if (signaal_analyze(a, c.texts[i].data, c.texts[i].len, &an, NULL) != SIGNAAL_STATUS_OK ||
            !json_is(signaal_analysis_json(an), &want, i)) {
            if (mismatches++ < 3) {
                fprintf(stderr, "    post %zu differs\n", i);
            }
        }
        signaal_analysis_free(an);
    }
    signaal_batch *b = NULL;
    CHECK(signaal_analyze_batch(a, c.texts, c.count, &b, NULL) == SIGNAAL_STATUS_OK);
    CHECK(signaal_batch_len(b) == c.count);
    for (size_t i = 0; i < c.count && i < want.count; i++) {
        if (!json_is(signaal_analysis_json(signaal_batch_get(b, i)), &want, i) && mismatches++ < 3) {
            fprintf(stderr, "    batch item %zu differs\n", i);
        }
    }
    signaal_batch_free(b);
    CHECK(mismatches == 0);
    signaal_analyzer_free(a);
    free_corpus(&c);
    free_lines(&want);
    return ok;
}

static bool test_agreement_with_rust(void) {
    return agree(NULL, "c-expected.jsonl");
}

static bool test_agreement_with_rust_configured(void) {
    char *config = read_file(expected_dir, "c-config.json", NULL);
    bool ok = agree(config, "c-expected-configured.jsonl");
    free(config);
    return ok;
}

/* ------------------------------------------------------------- golden */

/* Splits a line in place at tabs; returns the number of fields. */
static size_t split_tabs(char *line, char **fields, size_t max) {
    size_t n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < max; p++) {
        if (*p == '\t') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    }
    return n;
}

/* tests/data/golden/ (TOML), as bindings/c/tests/golden.rs writes it: the
 * labels of signaal_classify and signaal_analyze, and the text and entity
 * spans of signaal_redact, against the expectations of the TOML files. */
static bool test_golden_corpus(void) {
    bool ok = true;
    lines l = read_lines("c-golden.tsv");
    CHECK(l.count >= 25);
    signaal_analyzer *a = new_analyzer(NULL);
    for (size_t i = 0; i < l.count; i++) {
        l.lines[i][l.lens[i]] = '\0';
        char *f[5] = {0};
        size_t nf = split_tabs(l.lines[i], f, 5);
        const char *name = f[1], *text = f[2];
        bool case_ok = true;
        if (f[0][0] == 'L' && nf == 4) {
            uint32_t want = (uint32_t)strtoul(f[3], NULL, 10);
            signaal_classification c;
            signaal_analysis *an = NULL;
            case_ok &= signaal_classify(a, U8(text), strlen(text), &c, NULL) == SIGNAAL_STATUS_OK && c.labels == want;
            signaal_classification c2;
            case_ok &= signaal_analyze(a, U8(text), strlen(text), &an, NULL) == SIGNAAL_STATUS_OK &&
                       signaal_analysis_classification(an, &c2) == SIGNAAL_STATUS_OK && c2.labels == want;
            signaal_analysis_free(an);
        } else if (f[0][0] == 'R' && nf >= 4) {
            signaal_redaction *r = NULL;
            case_ok &= signaal_redact(a, U8(text), strlen(text), &r, NULL) == SIGNAAL_STATUS_OK;
            case_ok &= case_ok && str_eq(signaal_redaction_text(r), f[3]);
            signaal_entity_slice es = case_ok ? signaal_redaction_entities(r) : (signaal_entity_slice){0};
            /* Expected spans: kind:start:end:char_start:char_end, comma-separated. */
            size_t k = 0;
            const char *spec = nf == 5 ? f[4] : "";
            while (case_ok && *spec) {
                char kind[64];
                size_t st, en, cs, ce;
                int used = 0;
                if (sscanf(spec, "%63[a-z_]:%zu:%zu:%zu:%zu%n", kind, &st, &en, &cs, &ce, &used) != 5) {
                    case_ok = false;
                    break;
                }
                spec += used + (spec[used] == ',');
                case_ok &= k < es.len && strcmp(signaal_entity_kind_name(es.data[k].kind), kind) == 0 &&
                           es.data[k].start == st && es.data[k].end == en && es.data[k].char_start == cs &&
                           es.data[k].char_end == ce;
                k++;
            }
            case_ok &= k == es.len;
            signaal_redaction_free(r);
        } else {
            case_ok = false;
        }
        if (!case_ok) {
            fprintf(stderr, "    golden case %s fails\n", name ? name : "?");
            ok = false;
        }
    }
    signaal_analyzer_free(a);
    free_lines(&l);
    return ok;
}

/* ------------------------------------------------------------- threads */

#define THREADS 8

typedef struct {
    const signaal_analyzer *analyzer;
    const corpus *texts;
    const lines *want;
    size_t first;
    size_t count;
    size_t mismatches;
    size_t failures;
} worker;

static void *work(void *arg) {
    worker *w = arg;
    signaal_error *err = signaal_error_new();
    for (size_t k = 0; k < w->count; k++) {
        size_t i = (w->first + k) % w->texts->count;
        signaal_analysis *an = NULL;
        if (signaal_analyze(w->analyzer, w->texts->texts[i].data, w->texts->texts[i].len, &an, err) !=
            SIGNAAL_STATUS_OK) {
            w->failures++;
            continue;
        }
        if (!json_is(signaal_analysis_json(an), w->want, i)) {
            w->mismatches++;
        }
        signaal_analysis_free(an);
        signaal_classification c;
        if (signaal_classify(w->analyzer, w->texts->texts[i].data, w->texts->texts[i].len, &c, err) !=
            SIGNAAL_STATUS_OK) {
            w->failures++;
        }
        signaal_redaction *r = NULL;
        if (signaal_redact(w->analyzer, w->texts->texts[i].data, w->texts->texts[i].len, &r, err) !=
            SIGNAAL_STATUS_OK) {
            w->failures++;
        }
        signaal_redaction_free(r);
    }
    /* every thread also runs a small batch on the shared pool */
    signaal_batch *b = NULL;
    size_t n = w->texts->count - w->first < 16 ? w->texts->count - w->first : 16;
    if (signaal_analyze_batch(w->analyzer, w->texts->texts + w->first, n, &b, err) != SIGNAAL_STATUS_OK) {
        w->failures++;
    } else {
        for (size_t k = 0; k < n; k++) {
            if (!json_is(signaal_analysis_json(signaal_batch_get(b, k)), w->want, w->first + k)) {
                w->mismatches++;
            }
        }
    }
    signaal_batch_free(b);
    signaal_error_free(err);
    return NULL;
}

static bool test_threads_share_one_analyzer(void) {
    bool ok = true;
    corpus c = read_texts();
    lines want = read_lines("c-expected.jsonl");
    signaal_analyzer *a = new_analyzer(NULL);
    pthread_t threads[THREADS];
    worker workers[THREADS];
    for (size_t t = 0; t < THREADS; t++) {
        workers[t] = (worker){a, &c, &want, t * c.count / THREADS, c.count / 4, 0, 0};
        CHECK(pthread_create(&threads[t], NULL, work, &workers[t]) == 0);
    }
    for (size_t t = 0; t < THREADS; t++) {
        CHECK(pthread_join(threads[t], NULL) == 0);
        CHECK(workers[t].mismatches == 0);
        CHECK(workers[t].failures == 0);
    }
    signaal_analyzer_free(a);
    free_corpus(&c);
    free_lines(&want);
    return ok;
}

/* -------------------------------------------------------------- runner */

static bool run_test(bool (*test)(void), const char *name) {
    bool passed = test();
    fprintf(stderr, "%-40s %s\n", name, passed ? "PASS" : "FAIL");
    return passed;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: %s EXPECTED_DIR MODEL_FILE\n", argv[0]);
        return 2;
    }
    expected_dir = argv[1];
    model_file = argv[2];
    bool passed = true;
    passed &= run_test(test_version, "version");
    passed &= run_test(test_status_str, "status_str");
    passed &= run_test(test_error_object, "error_object");
    passed &= run_test(test_free_null, "free_null");
    passed &= run_test(test_analyzer_defaults, "analyzer_defaults");
    passed &= run_test(test_model_file, "model_file (io, invalid_model)");
    passed &= run_test(test_bad_configs, "bad_configs (invalid_config, utf8)");
    passed &= run_test(test_null_parameters, "null_parameters");
    passed &= run_test(test_invalid_utf8_and_input, "invalid_utf8_and_input");
    passed &= run_test(test_analyze, "analyze");
    passed &= run_test(test_classify, "classify");
    passed &= run_test(test_redact, "redact");
    passed &= run_test(test_batch, "batch");
    passed &= run_test(test_golden_corpus, "golden_corpus (tests/data/golden)");
    passed &= run_test(test_agreement_with_rust, "agreement_with_rust (dev)");
    passed &= run_test(test_agreement_with_rust_configured, "agreement_with_rust (dev, configured)");
    passed &= run_test(test_threads_share_one_analyzer, "threads_share_one_analyzer (8 threads)");
    if (!passed) {
        fprintf(stderr, "FAILED\n");
        return 1;
    }
    fprintf(stderr, "all tests passed\n");
    return 0;
}
