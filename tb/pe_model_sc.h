// SystemC wrapper of the PE cycle-level C model (model/pe.h), with the ports
// and port types of the Verilated mx_pe for 8-bit element codes.
#ifndef MXACCEL_TB_PE_MODEL_SC_H
#define MXACCEL_TB_PE_MODEL_SC_H

#include <systemc.h>

#include "pe.h"

SC_MODULE(PeModelSc) {
    sc_in<bool> clk_i, rst_ni, in_valid_i, in_first_i, in_last_i, out_ready_i;
    sc_in<uint32_t> a_scale_i, w_scale_i;
    sc_in<sc_bv<PE_N * 8>> a_codes_i, w_codes_i;
    sc_out<bool> in_ready_o, out_valid_o;
    sc_out<uint32_t> out_data_o;

    pe_model m;

    PeModelSc(sc_module_name name, mx_format_id a, mx_format_id w) : sc_module(name)
    {
        if (pe_init(&m, a, w) != 0) {
            SC_REPORT_FATAL("PeModelSc", "unsupported formats");
        }
        SC_METHOD(step);
        sensitive << clk_i.pos() << out_ready_i << rst_ni;
    }

    SC_HAS_PROCESS(PeModelSc);

  private:
    // One method for the edge and the combinational in_ready, so that in_ready
    // always reflects the state after the edge.
    void step()
    {
        if (!rst_ni.read()) {
            pe_reset(&m);
        } else if (clk_i.posedge()) {
            pe_input in;
            in.valid = in_valid_i.read();
            in.first = in_first_i.read();
            in.last = in_last_i.read();
            in.a_scale = static_cast<uint8_t>(a_scale_i.read());
            in.w_scale = static_cast<uint8_t>(w_scale_i.read());
            const sc_bv<PE_N * 8> a = a_codes_i.read(), w = w_codes_i.read();
            for (int i = 0; i < PE_N; i++) {
                in.a_codes[i] = static_cast<uint8_t>(a.range(i * 8 + 7, i * 8).to_uint());
                in.w_codes[i] = static_cast<uint8_t>(w.range(i * 8 + 7, i * 8).to_uint());
            }
            pe_clock(&m, &in, out_ready_i.read());
        }
        bool valid;
        uint32_t data;
        pe_outputs(&m, &valid, &data);
        in_ready_o.write(pe_ready(&m, out_ready_i.read()));
        out_valid_o.write(valid);
        out_data_o.write(data);
    }
};

#endif
