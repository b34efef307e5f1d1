// SystemC wrapper of the SEU cycle-level C model (model/seu.h), with the
// ports and port types of the Verilated mx_seu (fp8 in, 8-bit codes out).
#ifndef MXACCEL_TB_SEU_MODEL_SC_H
#define MXACCEL_TB_SEU_MODEL_SC_H

#include <systemc.h>

#include "seu.h"

SC_MODULE(SeuModelSc) {
    sc_in<bool> clk_i, rst_ni, in_valid_i, out_ready_i;
    sc_in<sc_bv<256>> in_codes_i;
    sc_out<bool> in_ready_o, out_valid_o;
    sc_out<uint32_t> out_scale_o;
    sc_out<sc_bv<256>> out_codes_o;

    seu_model m;

    SeuModelSc(sc_module_name name, const mx_format &in, mx_format_id out, mx_round round)
        : sc_module(name)
    {
        if (seu_init(&m, &in, out, round) != 0) {
            SC_REPORT_FATAL("SeuModelSc", "unsupported formats");
        }
        SC_METHOD(step);
        sensitive << clk_i.pos() << out_ready_i << rst_ni;
    }

    SC_HAS_PROCESS(SeuModelSc);

private:
    // One method for the edge and the combinational in_ready, so that in_ready
    // always reflects the state after the edge.
    void step()
    {
        if (!rst_ni.read()) {
            seu_reset(&m);
        } else if (clk_i.posedge()) {
            seu_input in;
            in.valid = in_valid_i.read();
            const sc_bv<256> c = in_codes_i.read();
            for (int i = 0; i < SEU_N; i++) {
                in.codes[i] = static_cast<uint16_t>(c.range(i * 8 + 7, i * 8).to_uint());
            }
            seu_clock(&m, &in, out_ready_i.read());
        }
        const seu_output *o = seu_outputs(&m);
        in_ready_o.write(seu_ready(&m, out_ready_i.read()));
        out_valid_o.write(o->valid);
        out_scale_o.write(o->scale);
        sc_bv<256> oc;
        for (int i = 0; i < SEU_N; i++) {
            oc.range(i * 8 + 7, i * 8) = o->codes[i];
        }
        out_codes_o.write(oc);
    }
};

#endif
