namespace Cxr.Core.Imaging.Dicom;

/// <summary>
/// Reads the entropy-coded data of a JPEG scan most significant bit first (T.81 F.2.2.5): a stuffed FF 00 is the data
/// byte FF, fill bytes FF FF before a marker are skipped, and any other marker ends the data. Past the end or a marker
/// it supplies zero bits for look-ahead, but consuming one of them is <see cref="CorruptImageException"/> (the data ran
/// out). <see cref="Restart"/> expects the restart marker where the data stops.
/// </summary>
internal ref struct JpegBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _at;
    private ulong _buffer;
    private int _count;
    private int _padding;
    private bool _stopped;

    /// <summary>Starts at the first byte of <paramref name="data"/> (the byte after the scan header).</summary>
    public JpegBitReader(ReadOnlySpan<byte> data) => _data = data;

    /// <summary>The next 16 bits without consuming them (zeros past the end of the data).</summary>
    public int Peek16()
    {
        if (_count < 16)
        {
            Fill();
        }

        return (int)((_buffer >> (_count - 16)) & 0xFFFF);
    }

    /// <summary>Consumes <paramref name="n"/> (0 … 16) bits already looked at.</summary>
    public void Skip(int n)
    {
        _count -= n;
        if (_count < _padding)
        {
            throw JpegLosslessDecoder.Corrupt("the entropy-coded data ends before the last sample");
        }
    }

    /// <summary>Reads <paramref name="n"/> (1 … 16) bits as an unsigned value.</summary>
    public int Read(int n)
    {
        if (_count < n)
        {
            Fill();
        }

        var value = (int)((_buffer >> (_count - n)) & ((1UL << n) - 1));
        Skip(n);
        return value;
    }

    /// <summary>Ends a restart interval: drops the padding bits of the last byte (fewer than 8; more data left over is
    /// corrupt) and reads the restart marker FF <paramref name="marker"/> (D0 … D7, in sequence).</summary>
    public void Restart(int marker)
    {
        if (_count - _padding >= 8)
        {
            throw JpegLosslessDecoder.Corrupt($"{(_count - _padding) / 8} byte(s) of data left at the end of a restart interval");
        }

        while (_at + 1 < _data.Length && _data[_at] == 0xFF && _data[_at + 1] == 0xFF)
        {
            _at++;
        }

        if (_at + 1 >= _data.Length || _data[_at] != 0xFF || _data[_at + 1] != marker)
        {
            var found = _at + 1 < _data.Length ? $"FF {_data[_at + 1]:X2}" : "the end of the data";
            throw JpegLosslessDecoder.Corrupt($"expected restart marker FF {marker:X2}, found {found}");
        }

        _at += 2;
        _buffer = 0;
        _count = 0;
        _padding = 0;
        _stopped = false;
    }

    /// <summary>Tops the buffer up to more than 56 bits, with zero padding once the data has stopped.</summary>
    private void Fill()
    {
        while (_count <= 56)
        {
            uint b = 0;
            if (_stopped)
            {
                _padding += 8;
            }
            else if (_at >= _data.Length)
            {
                _stopped = true;
                continue;
            }
            else if (_data[_at] != 0xFF)
            {
                b = _data[_at++];
            }
            else if (_at + 1 < _data.Length && _data[_at + 1] == 0x00)
            {
                b = 0xFF;
                _at += 2;
            }
            else if (_at + 1 < _data.Length && _data[_at + 1] == 0xFF)
            {
                // A fill byte before a marker (B.1.1.2).
                _at++;
                continue;
            }
            else
            {
                // A marker (or FF as the last byte): the data ends here, _at stays on the FF.
                _stopped = true;
                continue;
            }

            _buffer = (_buffer << 8) | b;
            _count += 8;
        }
    }
}
