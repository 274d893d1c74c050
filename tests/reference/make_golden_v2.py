#!/usr/bin/python3
"""Golden files of format version 2, written from docs/encoding.md and the version-1 golden
files, independently of the C++ encoder:

    /usr/bin/python3 tests/reference/make_golden_v2.py

Version 2 = version-1 body with the version byte 2 and a CRC-32C (Castagnoli, RFC 3720) of
everything before it, little-endian; ewma_chart gains the points ever added after the points
since reset. CRC-32C is computed bit by bit here and checked against its published check
value. Also writes states that only exist from version 2 (state bundle, rating window).
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "data", "golden")


def crc32c(data: bytes) -> int:
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


assert crc32c(b"123456789") == 0xE3069283  # the published check value
assert crc32c(bytes(32)) == 0x8A9136AA      # RFC 3720 B.4: 32 bytes of zeros


def seal(body_with_header: bytes) -> bytes:
    assert body_with_header[:4] == b"CXMS" and body_with_header[4] == 2
    return body_with_header + struct.pack("<I", crc32c(body_with_header))


def v2_from_v1(v1: bytes, tag: int) -> bytes:
    assert v1[:5] == b"CXMS\x01" and v1[5] == tag
    body = bytearray(v1)
    body[4] = 2
    if tag == 5:  # ewma_chart: 4 doubles, flag, 3 doubles, then t (8) and signals (8)
        t_at = 6 + 32 + 1 + 24
        t = body[t_at:t_at + 8]
        assert body[6 + 32] == 0, "golden EWMA charts do not reset: points ever = points since reset"
        body[t_at + 8:t_at + 8] = t
    return seal(bytes(body))


def main():
    os.makedirs(os.path.join(GOLDEN, "v2"), exist_ok=True)
    tags = {"nps_histogram.bin": 1, "csat_histogram_u8.bin": 1, "nps_weighted.bin": 2, "moments.bin": 3,
            "moments_empty.bin": 3, "comoments.bin": 4, "ewma_chart.bin": 5, "cusum_chart.bin": 6,
            "beat_tracker.bin": 7, "paired_gap_csat.bin": 8, "grouped_string_nps.bin": 9}
    v2 = {}
    for name, tag in tags.items():
        with open(os.path.join(GOLDEN, "v1", name), "rb") as f:
            v2[name] = v2_from_v1(f.read(), tag)
        with open(os.path.join(GOLDEN, "v2", name), "wb") as f:
            f.write(v2[name])

    # rating_window<csat_scale>(3) fed 5, 4, 1, 2: holds 4, 1, 2, oldest first.
    window = b"CXMS" + bytes([2, 12]) + struct.pack("<iiQQ", 1, 5, 3, 3) + struct.pack("<iii", 4, 1, 2)
    with open(os.path.join(GOLDEN, "v2", "rating_window_csat.bin"), "wb") as f:
        f.write(seal(window))

    # state_bundle {"agents": nps_histogram.bin, "weekly": moments.bin}, names in order.
    body = struct.pack("<Q", 2)
    for name, state in (("agents", v2["nps_histogram.bin"]), ("weekly", v2["moments.bin"])):
        body += struct.pack("<Q", len(name)) + name.encode() + struct.pack("<Q", len(state)) + state
    with open(os.path.join(GOLDEN, "v2", "bundle.bin"), "wb") as f:
        f.write(seal(b"CXMS" + bytes([2, 10]) + body))


if __name__ == "__main__":
    main()
