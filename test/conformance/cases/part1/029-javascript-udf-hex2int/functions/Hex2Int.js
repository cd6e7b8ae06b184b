// From the doc: function hex2Int(hexValue) { return parseInt(hexValue, 16); }, renamed main as ASA projects require.
function main(hexValue) {
    return parseInt(hexValue, 16);
}
