/**
 * @file sim_report.c
 * The per-layer table and the accelerator's JSON objects (see sim_report.h).
 */
#include "sim_report.h"

#include <inttypes.h>

#include "alu.h"
#include "pe.h"
#include "pe_bf16.h"
#include "seu.h"

/** One layer's counters per image. */
typedef struct layer_row {
    double macs, cycles, ideal, util, busy, wait_dram, wait_bank, wait_drain, seu, alu, dma;
    double act_r, act_w, wgt_r, wgt_w, dram_r, dram_w;
} layer_row_t;

static layer_row_t row_of(const accel_program *p, const accel_layer_counters *c, size_t images)
{
    const double n = images ? (double)images : 1.0;
    const double peak = (double)p->hw.rows * p->hw.cols * PE_N;
    layer_row_t r = {
        .macs = (double)c->macs / n,
        .cycles = (double)c->cycles / n,
        /* every image of a layer has the same macs: the ideal of one image */
        .ideal = (double)accel_ideal_cycles(&p->hw, c->macs / (images ? images : 1)),
        .util = c->cycles ? (double)c->macs / ((double)c->cycles * peak) : 0.0,
        .busy = (double)c->array_busy / n,
        .wait_dram = (double)c->array_wait_dram / n,
        .wait_bank = (double)c->array_wait_bank / n,
        .wait_drain = (double)c->array_wait_drain / n,
        .seu = (double)c->seu_busy / n,
        .alu = (double)c->alu_busy / n,
        .dma = (double)c->dma_busy / n,
        .act_r = (double)c->act_reads / n,
        .act_w = (double)c->act_writes / n,
        .wgt_r = (double)c->wgt_reads / n,
        .wgt_w = (double)c->wgt_writes / n,
        .dram_r = (double)c->dram_read_bytes / n,
        .dram_w = (double)c->dram_write_bytes / n,
    };
    return r;
}

static void print_row(FILE *out, const char *name, const layer_row_t *r)
{
    fprintf(out,
            "%-8s %10.0f %9.0f %8.0f %6.1f%% %9.0f %9.0f %7.0f %7.0f %7.0f %7.0f %9.0f %8.0f %8.0f "
            "%8.0f %8.0f %10.0f %7.0f\n",
            name, r->macs, r->cycles, r->ideal, 100.0 * r->util, r->busy, r->wait_dram,
            r->wait_bank, r->wait_drain, r->seu, r->alu, r->dma, r->act_r, r->act_w, r->wgt_r,
            r->wgt_w, r->dram_r, r->dram_w);
}

void sim_report_print(FILE *out, const accel_program *p, const sim_opts_t *o,
                      const sim_result_t *r, size_t images)
{
    fprintf(out, "hardware");
    size_t np;
    const accel_param_info *t = accel_param_table(&np);
    for (size_t i = 0; i < np; i++) {
        fprintf(out, " %s=%d", t[i].name, accel_param_get(&p->hw, &t[i]));
    }
    fprintf(out, " clock_mhz=%g engine=%s\n", o->clock_mhz, sim_engine_name(o->engine));
    fprintf(out, "per image (averaged over %zu images in %zu runs of %u):\n", images, r->runs,
            p->images);
    fprintf(out,
            "%-8s %10s %9s %8s %7s %9s %9s %7s %7s %7s %7s %9s %8s %8s %8s %8s %10s %7s\n", "layer",
            "macs", "cycles", "ideal", "util", "array", "wait_dram", "w_bank", "w_drain", "seu",
            "alu", "dma", "act_rd", "act_wr", "wgt_rd", "wgt_wr", "dram_rd_B", "dram_wr");
    accel_layer_counters sum = {0};
    for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
        const accel_layer_counters *c = &r->total.layer[l];
        const layer_row_t row = row_of(p, c, images);
        print_row(out, accel_layer_name((accel_layer)l), &row);
        accel_layer_counters_add(&sum, c);
    }
    const layer_row_t total = row_of(p, &sum, images);
    print_row(out, "total", &total);
    const double cpi = images ? (double)r->total.cycles / (double)images : 0.0;
    const double hz = o->clock_mhz * 1e6;
    const double run_cycles = r->runs ? (double)r->total.cycles / (double)r->runs : 0.0;
    fprintf(out,
            "cycles per image %.0f; at %g MHz: %.1f images/s, latency %.3f ms per run of %u "
            "image(s)\n",
            cpi, o->clock_mhz, cpi > 0.0 ? hz / cpi : 0.0, 1e3 * run_cycles / hz, p->images);
}

cJSON *sim_json_config(const accel_program *p, const sim_opts_t *o)
{
    cJSON *obj = cJSON_CreateObject();
    size_t np;
    const accel_param_info *t = accel_param_table(&np);
    for (size_t i = 0; i < np; i++) {
        cJSON_AddNumberToObject(obj, t[i].name, accel_param_get(&p->hw, &t[i]));
    }
    cJSON_AddNumberToObject(obj, "clock_mhz", o->clock_mhz);
    cJSON_AddNumberToObject(obj, "pe_latency",
                            accel_is_bf16(&p->a_fmt) ? PE_BF16_LATENCY : PE_LATENCY);
    cJSON_AddNumberToObject(obj, "seu_latency", SEU_LATENCY);
    cJSON_AddNumberToObject(obj, "alu_latency", ALU_LATENCY);
    cJSON_AddStringToObject(obj, "elem_format", p->elem.name);
    cJSON_AddStringToObject(obj, "a_elem_format", p->a_fmt.name);
    cJSON_AddStringToObject(obj, "w_elem_format", p->w_fmt.name);
    cJSON_AddStringToObject(obj, "round", mx_round_name(p->round));
    cJSON_AddStringToObject(obj, "engine", sim_engine_name(o->engine));
    return obj;
}

cJSON *sim_json_layers(const accel_program *p, const sim_result_t *r, size_t images)
{
    cJSON *arr = cJSON_CreateArray();
    for (int l = 0; l < ACCEL_LAYER_COUNT; l++) {
        const layer_row_t x = row_of(p, &r->total.layer[l], images);
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "name", accel_layer_name((accel_layer)l));
        cJSON_AddNumberToObject(o, "macs", x.macs);
        cJSON_AddNumberToObject(o, "cycles", x.cycles);
        cJSON_AddNumberToObject(o, "ideal_cycles", x.ideal);
        cJSON_AddNumberToObject(o, "utilization", x.util);
        cJSON_AddNumberToObject(o, "stall_cycles", x.wait_dram + x.wait_bank + x.wait_drain);
        cJSON *st = cJSON_AddObjectToObject(o, "stalls");
        cJSON_AddNumberToObject(st, "dram", x.wait_dram);
        cJSON_AddNumberToObject(st, "bank", x.wait_bank);
        cJSON_AddNumberToObject(st, "drain", x.wait_drain);
        cJSON *busy = cJSON_AddObjectToObject(o, "busy");
        cJSON_AddNumberToObject(busy, "array", x.busy);
        cJSON_AddNumberToObject(busy, "seu", x.seu);
        cJSON_AddNumberToObject(busy, "alu", x.alu);
        cJSON_AddNumberToObject(busy, "dma", x.dma);
        cJSON_AddNumberToObject(o, "dram_read_bytes", x.dram_r);
        cJSON_AddNumberToObject(o, "dram_write_bytes", x.dram_w);
        cJSON *bufs = cJSON_AddObjectToObject(o, "buffers");
        cJSON *act = cJSON_AddObjectToObject(bufs, "act");
        cJSON_AddNumberToObject(act, "reads", x.act_r);
        cJSON_AddNumberToObject(act, "writes", x.act_w);
        cJSON *wgt = cJSON_AddObjectToObject(bufs, "wgt");
        cJSON_AddNumberToObject(wgt, "reads", x.wgt_r);
        cJSON_AddNumberToObject(wgt, "writes", x.wgt_w);
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}
