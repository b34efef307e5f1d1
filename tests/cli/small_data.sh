# make_small_data <dir> <training images> <test images> (sourced, not run):
# the first images of the installed Fashion-MNIST sets as a data directory
# of their own, so that a test's evaluation pass reads a few hundred test
# images instead of 10,000. IDX: a big-endian header (magic, count, then
# rows and cols for images) followed by one byte per pixel or label.

FASHION_MNIST=/usr/share/datasets/fashion-mnist # MX_DEFAULT_DATA_DIR

# A 32-bit big-endian number as printf escapes.
be32() {
    printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 >> 24 & 255)) $(($1 >> 16 & 255)) \
        $(($1 >> 8 & 255)) $(($1 & 255))
}

# slice_idx <source base name> <dest dir> <count> <bytes per item> <header bytes>
slice_idx() {
    local name=$1 dest=$2 count=$3 item=$4 header=$5 src
    for src in "$FASHION_MNIST/$name.gz" "$FASHION_MNIST/$name"; do
        [ -f "$src" ] && break
    done
    [ -f "$src" ] || { echo "FAIL: $FASHION_MNIST/$name(.gz) is missing" >&2; return 1; }
    {
        # The magic and, for images, rows and cols stay; the count changes.
        if [ "$header" -eq 16 ]; then
            printf "\\x00\\x00\\x08\\x03$(be32 "$count")$(be32 28)$(be32 28)"
        else
            printf "\\x00\\x00\\x08\\x01$(be32 "$count")"
        fi
        gzip -dcf "$src" | tail -c +$((header + 1)) | head -c $((count * item))
    } >"$dest/$name"
}

make_small_data() {
    local dir=$1 train=$2 test=$3
    mkdir -p "$dir" &&
        slice_idx train-images-idx3-ubyte "$dir" "$train" 784 16 &&
        slice_idx train-labels-idx1-ubyte "$dir" "$train" 1 8 &&
        slice_idx t10k-images-idx3-ubyte "$dir" "$test" 784 16 &&
        slice_idx t10k-labels-idx1-ubyte "$dir" "$test" 1 8
}
