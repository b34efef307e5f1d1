/**
 * @file sim_cmd.c
 * `mxaccel sim`: run the seed CNN on the cycle-level model of the
 * accelerator, or on its Verilated RTL, and report accuracy and, per layer,
 * cycles, utilization, stalls and memory traffic (docs/accelerator.md,
 * docs/accelerator-rtl.md).
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_clock.h"
#include "cli_dataset.h"
#include "cli_report.h"
#include "compile.h"
#include "infer_json.h"
#include "infer_progress.h"
#include "infer_report.h"
#include "infer_tally.h"
#include "rtl_config.h"
#include "sim_opts.h"
#include "sim_report.h"
#include "sim_rtl_cache.h"
#include "sim_rtl_lib.h"
#include "sim_run.h"

static const char kCmd[] = "sim";

static const char kHelp[] =
    "usage: mxaccel sim [options]\n"
    "\n"
    "Run the seed CNN on the cycle-level model of the accelerator: the compiler\n"
    "turns the network, the formats and the weights into a layer program and a\n"
    "DRAM image, and the model runs it cycle by cycle (docs/accelerator.md), or\n"
    "with --engine rtl the Verilated RTL top does (docs/accelerator-rtl.md).\n"
    "The log-probabilities are those of `mxaccel infer --profile hw`, bit for bit.\n"
    "\n"
    "options (as infer; the profile is hw; default formats: --matmul fp8_e4m3 --fp 8,\n"
    "those the default weights were trained with):\n"
    "  --weights FILE, --data DIR, --limit N, --threads T, --quiet\n"
    "  --matmul F | --w-elem-format F --a-elem-format F\n"
    "                       the PE's formats: two of int8 int4 int2 fp8_e5m2 fp8_e4m3\n"
    "                       fp6_e3m2 fp6_e2m3 fp4_e2m1, or bfloat16 for both\n"
    "  --bfloat N | --fp N | --elem F\n"
    "                       elementwise format E of the ALU: fp7..fp16, bfloat10..16\n"
    "  --round R            the SEU's rounding: nearest | even | floor\n"
    "  --json FILE          also write the report as JSON (written atomically):\n"
    "                       accuracy, loss, images, correct, nan_rows, predictions,\n"
    "                       logprobs (per image the 10 fp32 bit patterns, 8 hex\n"
    "                       digits), cycles (per image: of its run), cycles_per_image,\n"
    "                       config (every hardware parameter, latencies, clock,\n"
    "                       formats), layers (per layer and image: name, macs,\n"
    "                       cycles, ideal_cycles, utilization, stall_cycles, stalls,\n"
    "                       busy, dram_read_bytes, dram_write_bytes, buffers), seconds,\n"
    "                       images_per_second, threads, weights, data; config.engine\n"
    "                       names the engine (and config.rtl_library the library)\n"
    "\n"
    "hardware (model/accel/params.def; defaults in brackets):\n"
    "%s"
    "  --hw FILE            parameters from a file: `name = value` lines, # comments;\n"
    "                       options are applied in command-line order\n"
    "  --clock-mhz F        clock for images/s and latency (default %g)\n"
    "  --engine E           what runs the program: model (default), the cycle-level C\n"
    "                       model, or rtl, the Verilated RTL top: the same bits and\n"
    "                       counters, built per configuration on first use\n"
    "                       (docs/accelerator-rtl.md)\n"
    "  --rtl-cache DIR      where --engine rtl keeps its builds (default:\n"
    "                       $MXACCEL_RTL_CACHE, else $XDG_CACHE_HOME/mxaccel/rtl, else\n"
    "                       ~/.cache/mxaccel/rtl); the default configuration is prebuilt\n"
    "  --emit-program DIR   also write the layer program and DRAM image\n"
    "                       (DIR/program.txt, DIR/dram.bin) of one full run\n"
    "  --program DIR        run a program written by --emit-program instead of\n"
    "                       compiling (not with format or hardware options)\n"
    "  -h, --help           show this help\n"
    "\n"
    "Report on stdout: infer's report (configuration, accuracy, loss, confusion\n"
    "matrix, model throughput), then the hardware, a per-layer table per image\n"
    "and cycles per image, images/s and latency at the clock. A progress bar goes\n"
    "to stderr when it is a terminal (not with --quiet).\n"
    "\n"
    "Errors are one line on stderr, starting \"mxaccel sim: \".\n"
    "\n"
    "exit status:\n"
    "  0  success\n"
    "  1  bad or missing weights, data or program files, an I/O error, or (--engine\n"
    "     rtl) a Verilated accelerator that cannot be built or loaded\n"
    "  2  bad command line, or a configuration the hardware cannot run (a format\n"
    "     it lacks, a layer that does not fit the buffers)\n";

static void print_help(void)
{
    char params[4096] = "";
    size_t np;
    const accel_param_info *t = accel_param_table(&np);
    for (size_t i = 0; i < np; i++) {
        char opt[64];
        accel_param_option(&t[i], opt, sizeof opt - 2);
        strcat(opt, " N");
        const size_t used = strlen(params);
        snprintf(params + used, sizeof params - used, "  %-24s %s [%d]\n", opt, t[i].help,
                 t[i].def);
    }
    printf(kHelp, params, SIM_DEFAULT_CLOCK_MHZ);
}

typedef struct sim_state {
    bool have_data, have_weights;
    mx_dataset data;
    mx_cnn_weights weights;
    accel_program full, rest;
    bool have_rest;
    sim_result_t result;
    infer_tally_t tally;
    sim_rtl_lib_t rtl;
    char rtl_path[4300];
} sim_state_t;

static void state_free(sim_state_t *s)
{
    sim_rtl_lib_close(&s->rtl);
    infer_tally_free(&s->tally);
    sim_result_free(&s->result);
    accel_program_free(&s->full);
    accel_program_free(&s->rest);
    if (s->have_weights) {
        mx_cnn_weights_free(&s->weights);
    }
    if (s->have_data) {
        mx_dataset_free(&s->data);
    }
}

/** The programs: read (--program) or compiled for n images. */
static int programs(sim_opts_t *o, sim_state_t *s, size_t n)
{
    char err[512] = "";
    if (o->program) { /* sim_opts_parse refused format and hardware options */
        if (accel_program_read(o->program, &s->full, err, sizeof err) != 0) {
            return cli_error(kCmd, kCliExitInput, "%s", err);
        }
        if (n % s->full.images != 0) {
            return cli_error(kCmd, kCliExitUsage,
                             "the program runs %u images at a time; %zu images is not a multiple",
                             s->full.images, n);
        }
        o->hw = s->full.hw;
        o->run.cfg.elem = true;
        o->run.cfg.elem_fmt = s->full.elem;
        o->run.cfg.a_mx = o->run.cfg.w_mx = true;
        o->run.cfg.a_fmt = s->full.a_fmt;
        o->run.cfg.w_fmt = s->full.w_fmt;
        o->run.cfg.round = s->full.round;
        return kCliExitOk;
    }
    if (mx_cnn_config_check(&o->run.cfg, err, sizeof err) != 0 ||
        accel_config_check(&o->run.cfg, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitUsage, "%s", err);
    }
    if (mx_cnn_weights_load(o->run.weights, &s->weights, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->have_weights = true;
    const uint32_t batch = (uint32_t)o->hw.batch;
    /* the full batch first: whether the hardware can run it at all */
    if (accel_compile(&s->weights, &o->run.cfg, &o->hw, batch, &s->full, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitUsage, "%s", err);
    }
    if (n % batch != 0) {
        if (accel_compile(&s->weights, &o->run.cfg, &o->hw, (uint32_t)(n % batch), &s->rest, err,
                          sizeof err) != 0) {
            return cli_error(kCmd, kCliExitUsage, "%s", err);
        }
        s->have_rest = true;
    }
    if (o->emit_program &&
        accel_program_write(&s->full, o->emit_program, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

static cJSON *logprobs_json(const sim_result_t *r, size_t n)
{
    cJSON *rows = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        cJSON *row = cJSON_CreateArray();
        for (int k = 0; k < 10; k++) {
            uint32_t u;
            memcpy(&u, &r->logprobs[i * 10 + (size_t)k], sizeof u);
            char hex[9];
            snprintf(hex, sizeof hex, "%08x", u);
            cJSON_AddItemToArray(row, cJSON_CreateString(hex));
        }
        cJSON_AddItemToArray(rows, row);
    }
    return rows;
}

static int write_json(const sim_opts_t *o, const sim_state_t *s, size_t n, double seconds)
{
    const infer_tally_t *t = &s->tally;
    cJSON *root = cJSON_CreateObject();
    cJSON_AddNumberToObject(root, "accuracy", infer_tally_accuracy(t));
    cJSON_AddNumberToObject(root, "loss", t->loss);
    cJSON_AddNumberToObject(root, "images", (double)n);
    cJSON_AddNumberToObject(root, "correct", (double)t->correct);
    cJSON_AddNumberToObject(root, "nan_rows", (double)t->nan_rows);
    cJSON_AddItemToObject(root, "predictions", cJSON_CreateIntArray(t->predictions, (int)n));
    cJSON_AddItemToObject(root, "logprobs", logprobs_json(&s->result, n));
    cJSON *cycles = cJSON_AddArrayToObject(root, "cycles");
    for (size_t i = 0; i < n; i++) {
        cJSON_AddItemToArray(cycles, cJSON_CreateNumber((double)s->result.cycles[i]));
    }
    cJSON_AddNumberToObject(root, "cycles_per_image",
                            n ? (double)s->result.total.cycles / (double)n : 0.0);
    cJSON *config = sim_json_config(&s->full, o);
    if (o->engine == SIM_ENGINE_RTL) {
        cJSON_AddStringToObject(config, "rtl_library", s->rtl_path);
    }
    cJSON_AddItemToObject(root, "config", config);
    cJSON_AddItemToObject(root, "layers", sim_json_layers(&s->full, &s->result, n));
    cJSON_AddNumberToObject(root, "seconds", seconds);
    cJSON_AddNumberToObject(root, "images_per_second", seconds > 0.0 ? (double)n / seconds : 0.0);
    cJSON_AddNumberToObject(root, "threads", o->run.threads);
    cJSON_AddStringToObject(root, "weights", o->program ? o->program : o->run.weights);
    cJSON_AddStringToObject(root, "data", o->run.data_dir);
    char err[512] = "";
    if (infer_json_save(root, o->run.json, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

/** --engine rtl: the configuration's Verilated library, loaded (built first if need be). */
static int open_rtl(const sim_opts_t *o, sim_state_t *s)
{
    char key[1024], err[2048] = "";
    if (accel_rtl_config_key(&s->full, key, sizeof key) != 0) {
        return cli_error(kCmd, kCliExitUsage, "the configuration is too long for the RTL");
    }
    if (sim_rtl_find(&s->full, key, o->rtl_cache, s->rtl_path, sizeof s->rtl_path, err,
                     sizeof err) != 0 ||
        sim_rtl_lib_open(&s->rtl, s->rtl_path, key, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    return kCliExitOk;
}

static int run(sim_opts_t *o, sim_state_t *s)
{
    char err[512] = "";
    if (mx_dataset_load(o->run.data_dir, 0, &s->data, err, sizeof err) != 0) {
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    s->have_data = true;
    size_t n = 0;
    int status = cli_dataset_check(kCmd, o->run.data_dir, "test", &s->data, o->run.limit_set,
                                   o->run.limit, &n);
    if (status == kCliExitOk) {
        status = programs(o, s, n);
    }
    if (status == kCliExitOk && o->engine == SIM_ENGINE_RTL) {
        status = open_rtl(o, s);
    }
    if (status != kCliExitOk) {
        return status;
    }
    infer_progress_t progress;
    infer_progress_init(&progress, !o->run.quiet);
    const double start = cli_now_seconds();
    if (sim_run(&s->full, s->have_rest ? &s->rest : NULL, s->rtl.api, s->data.images, n,
                o->run.threads, infer_progress_update, &progress, &s->result, err,
                sizeof err) != 0) {
        infer_progress_finish(&progress);
        return cli_error(kCmd, kCliExitInput, "%s", err);
    }
    const double seconds = cli_now_seconds() - start;
    infer_progress_finish(&progress);
    if (infer_tally_init(&s->tally, s->result.logprobs, s->data.labels, n) != 0) {
        return cli_error(kCmd, kCliExitInput, "out of memory");
    }
    if (o->run.json && (status = write_json(o, s, n, seconds)) != kCliExitOk) {
        return status;
    }
    o->run.cfg.profile = MX_PROFILE_HW;
    infer_report_print(stdout, &o->run, &s->tally, NULL, seconds);
    if (!o->run.quiet) {
        sim_report_print(stdout, &s->full, o, &s->result, n);
    }
    if (fflush(stdout) != 0 || ferror(stdout)) {
        return cli_error(kCmd, kCliExitInput, "write error on stdout");
    }
    return kCliExitOk;
}

int cli_sim_main(int argc, char **argv)
{
    sim_opts_t o;
    int status = sim_opts_parse(argc, argv, &o);
    if (status != kCliExitOk) {
        return status;
    }
    if (o.help) {
        print_help();
        return kCliExitOk;
    }
    sim_state_t s;
    memset(&s, 0, sizeof s);
    status = run(&o, &s);
    state_free(&s);
    return status;
}
