# Cycles per image against PE count, one line per DRAM bandwidth (batch 1),
# from the summary.csv that scripts/accel_sweep.sh writes.
#
#   gnuplot -c scripts/accel_sweep.gp SUMMARY_CSV OUTPUT_SVG ["8 16 64"]
#
# ARG3: the DRAM bandwidths (bytes per cycle) to draw, space separated.
# summary.csv's columns: rows, cols, pes, bytes_per_cycle, batch,
# cycles_per_image, images_per_s_at_200MHz, accuracy.

if (ARGC < 2) {
  print "usage: gnuplot -c accel_sweep.gp SUMMARY_CSV OUTPUT_SVG [\"BW...\"]"
  exit status 2
}
summary = ARG1
bandwidths = (ARGC >= 3 && strlen(ARG3) > 0) ? ARG3 : "8 16 64"

set terminal svg size 640,420 dynamic font 'sans,11'
set output ARG2
set datafile separator ','
set title 'mxaccel sim, seed CNN (fp8\_e4m3 x fp8): cycles per image, batch 1'
set xlabel 'PEs (rows x cols)'
set ylabel 'cycles per image'
set logscale x 2
set xtics ('16 (4x4)' 16, '64 (8x8)' 64, '256 (16x16)' 256)
set xrange [11:360]
set yrange [0:*]
set format y '%.0f'
set key bottom left
set grid

# The rows of one bandwidth at batch 1, one data block per bandwidth (two
# blank lines apart) in $lines: undefined points would break the lines.
bw(i) = real(word(bandwidths, i))
set print $lines
do for [i = 1:words(bandwidths)] {
  set table $one
  plot summary every ::1 using 3:6 with table if (column(5) == 1 && column(4) == bw(i))
  unset table
  do for [j = 1:|$one|] { print $one[j] }
  print ""
  print ""
}
unset print
set datafile separator whitespace

# smooth unique: sorted by PE count.
plot for [i = 1:words(bandwidths)] $lines index (i - 1) using 1:2 smooth unique \
       with linespoints lw 2 pt 7 ps 0.7 title sprintf('%s B/cycle', word(bandwidths, i))
