// SystemC wrapper of the ALU cycle-level C model (model/alu.h), with the
// ports and port types of the Verilated mx_alu (codes of up to 16 bits).
#ifndef MXACCEL_TB_ALU_MODEL_SC_H
#define MXACCEL_TB_ALU_MODEL_SC_H

#include <systemc.h>

#include "alu.h"

SC_MODULE(AluModelSc) {
    sc_in<bool> clk_i, rst_ni, in_valid_i, in_first_i, in_last_i, out_ready_i;
    sc_in<uint32_t> in_op_i, in_a_i, in_b_i;
    sc_out<bool> in_ready_o, out_valid_o;
    sc_out<uint32_t> out_data_o;

    alu_model m;

    AluModelSc(sc_module_name name, const mx_format &e) : sc_module(name)
    {
        if (alu_init(&m, &e) != 0) {
            SC_REPORT_FATAL("AluModelSc", "unsupported format");
        }
        SC_METHOD(step);
        sensitive << clk_i.pos() << out_ready_i << rst_ni;
    }
    ~AluModelSc() override { alu_free(&m); }

    SC_HAS_PROCESS(AluModelSc);

  private:
    // One method for the edge and the combinational in_ready, so that in_ready
    // always reflects the state after the edge.
    void step()
    {
        if (!rst_ni.read()) {
            alu_reset(&m);
        } else if (clk_i.posedge()) {
            alu_input in;
            in.valid = in_valid_i.read();
            in.first = in_first_i.read();
            in.last = in_last_i.read();
            in.op = static_cast<uint8_t>(in_op_i.read() & 0xfu);  // in_op_i[3:0]
            in.a = in_a_i.read();
            in.b = in_b_i.read() & ((1u << m.width) - 1u);  // in_b_i[W-1:0]
            alu_clock(&m, &in, out_ready_i.read());
        }
        bool valid;
        uint32_t data;
        alu_outputs(&m, &valid, &data);
        in_ready_o.write(alu_ready(&m, out_ready_i.read()));
        out_valid_o.write(valid);
        out_data_o.write(data);
    }
};

#endif
