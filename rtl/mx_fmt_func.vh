// Constants of the MX element formats, as constant functions of a format id
// (the mx_format_id values of include/mxaccel/format.h):
// 0 int8, 1 int4, 2 int2, 3 fp8_e5m2, 4 fp8_e4m3, 5 fp6_e3m2, 6 fp6_e2m3,
// 7 fp4_e2m1. Included inside the modules that size ports from a format.
//
// A decoded element is sign, mantissa m (with the implicit bit) and an
// exponent offset x >= 0: value = m * 2^(x + mx_qexp(fmt)), so every
// magnitude is an integer multiple of the format's quantum 2^mx_qexp.

// Bits of one element code.
function automatic integer mx_code_bits(input integer fmt);
  case (fmt)
    0, 3, 4: mx_code_bits = 8;
    5, 6:    mx_code_bits = 6;
    1, 7:    mx_code_bits = 4;
    default: mx_code_bits = 2;
  endcase
endfunction

// Exponent field bits (0: integer format).
function automatic integer mx_ebits(input integer fmt);
  case (fmt)
    3:       mx_ebits = 5;
    4:       mx_ebits = 4;
    5:       mx_ebits = 3;
    6, 7:    mx_ebits = 2;
    default: mx_ebits = 0;
  endcase
endfunction

// Trailing mantissa bits (fraction bits of an integer format).
function automatic integer mx_tbits(input integer fmt);
  case (fmt)
    0:       mx_tbits = 6;
    1, 3, 5: mx_tbits = 2;
    4, 6:    mx_tbits = 3;
    7:       mx_tbits = 1;
    default: mx_tbits = 0;
  endcase
endfunction

// Mantissa width: integers carry |k| (up to 2^(w-1)), floats 1.trailing.
function automatic integer mx_mant_w(input integer fmt);
  mx_mant_w = (mx_ebits(fmt) == 0) ? mx_code_bits(fmt) : mx_tbits(fmt) + 1;
endfunction

// Largest exponent offset of a finite element (top exponent code - 1,
// minus one more where the top code is Inf/NaN).
function automatic integer mx_exp_max(input integer fmt);
  if (mx_ebits(fmt) == 0) begin
    mx_exp_max = 0;
  end else if (fmt == 3) begin
    mx_exp_max = (1 << mx_ebits(fmt)) - 3;
  end else begin
    mx_exp_max = (1 << mx_ebits(fmt)) - 2;
  end
endfunction

// Width of the exponent offset.
function automatic integer mx_exp_w(input integer fmt);
  integer v;
  begin
    mx_exp_w = 1;
    for (v = mx_exp_max(fmt); v > 1; v = v >> 1) begin
      mx_exp_w = mx_exp_w + 1;
    end
  end
endfunction

// Bits of the largest element magnitude in quanta.
function automatic integer mx_mag_w(input integer fmt);
  mx_mag_w = mx_mant_w(fmt) + mx_exp_max(fmt);
endfunction

// Exponent of the quantum (smallest non-zero magnitude): emin - trailing.
function automatic integer mx_qexp(input integer fmt);
  if (mx_ebits(fmt) == 0) begin
    mx_qexp = -mx_tbits(fmt);
  end else begin
    mx_qexp = 2 - (1 << (mx_ebits(fmt) - 1)) - mx_tbits(fmt);
  end
endfunction
