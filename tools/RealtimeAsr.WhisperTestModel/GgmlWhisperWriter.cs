using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using RealtimeAsr.Recognition.Whisper;

namespace RealtimeAsr.WhisperTestModel;

/// <summary>
/// Writes whisper.cpp's legacy ggml model file: magic, eleven int32 hyperparameters, the mel filterbank, the
/// vocabulary, then every tensor as (n_dims, name length, type, dims fastest-first, name, data). Layout, names and
/// per-tensor types follow whisper.cpp's <c>whisper_model_load</c> (1.8.x): weight matrices, convolution kernels and
/// the token embedding in f16 (ftype 1), biases, layer norms and both positional embeddings in f32.
/// </summary>
internal sealed class GgmlWhisperWriter
{
    private const uint Magic = 0x67676d6c; // "ggml"
    private const int TypeF32 = 0;
    private const int TypeF16 = 1;

    /// <summary>The one seed of every weight: the same file, byte for byte, on every run.</summary>
    public const ulong Seed = 0x5EED_1E55_7E57_0001;

    private readonly Stream _output;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private ulong _state = Seed;
    private float[] _values = [];
    private byte[] _bytes = [];

    private GgmlWhisperWriter(Stream output) => _output = output;

    /// <summary>Writes the model for <paramref name="shape"/> and returns the SHA-256 (lower-case hex) of what it wrote.</summary>
    /// <param name="output">Where the file goes.</param>
    /// <param name="shape">Whose hyperparameters and tensor shapes.</param>
    /// <param name="vocabularyOnly">Stop after the vocabulary, like whisper.cpp's <c>for-tests-ggml-*.bin</c> files.</param>
    public static string Write(Stream output, WhisperShape shape, bool vocabularyOnly = false)
    {
        var writer = new GgmlWhisperWriter(output);
        writer.WriteModel(shape, vocabularyOnly);
        return Convert.ToHexStringLower(writer._hash.GetHashAndReset());
    }

    private void WriteModel(WhisperShape shape, bool vocabularyOnly)
    {
        var s = shape.Model;
        WriteInt32((int)Magic);
        foreach (var value in (ReadOnlySpan<int>)[s.VocabularySize, s.AudioContext, s.AudioState, s.AudioHeads,
                     s.AudioLayers, s.TextContext, s.TextState, s.TextHeads, s.TextLayers, s.MelBands, s.FileType])
        {
            WriteInt32(value);
        }

        WriteInt32(s.MelBands);
        WriteInt32(SlaneyMelFilters.Bins);
        WriteRaw(MemoryMarshal.AsBytes(SlaneyMelFilters.Create(s.MelBands).AsSpan()));

        WriteInt32(SyntheticVocabulary.OrdinaryTokenCount(shape));
        foreach (var token in SyntheticVocabulary.Tokens(shape))
        {
            WriteInt32(token.Length);
            WriteRaw(token);
        }

        if (!vocabularyOnly)
        {
            WriteEncoder(s);
            WriteDecoder(s);
        }
    }

    private void WriteEncoder(WhisperModelInfo s)
    {
        int n = s.AudioState;
        Tensor("encoder.positional_embedding", Init.Sinusoids, TypeF32, n, s.AudioContext);
        Tensor("encoder.conv1.weight", Init.Weight, TypeF16, 3, s.MelBands, n);
        Tensor("encoder.conv1.bias", Init.Bias, TypeF32, 1, n);
        Tensor("encoder.conv2.weight", Init.Weight, TypeF16, 3, n, n);
        Tensor("encoder.conv2.bias", Init.Bias, TypeF32, 1, n);
        for (var i = 0; i < s.AudioLayers; i++)
        {
            Block($"encoder.blocks.{i}.", n, crossAttention: false);
        }

        Norm("encoder.ln_post.", n);
    }

    private void WriteDecoder(WhisperModelInfo s)
    {
        int n = s.TextState;
        Tensor("decoder.positional_embedding", Init.Small, TypeF32, n, s.TextContext);
        Tensor("decoder.token_embedding.weight", Init.Weight, TypeF16, n, s.VocabularySize);
        for (var i = 0; i < s.TextLayers; i++)
        {
            Block($"decoder.blocks.{i}.", n, crossAttention: true);
        }

        Norm("decoder.ln.", n);
    }

    private void Block(string prefix, int n, bool crossAttention)
    {
        Attention(prefix + "attn.", n);
        Norm(prefix + "attn_ln.", n);
        if (crossAttention)
        {
            Attention(prefix + "cross_attn.", n);
            Norm(prefix + "cross_attn_ln.", n);
        }

        Tensor(prefix + "mlp.0.weight", Init.Weight, TypeF16, n, 4 * n);
        Tensor(prefix + "mlp.0.bias", Init.Bias, TypeF32, 4 * n);
        Tensor(prefix + "mlp.2.weight", Init.Weight, TypeF16, 4 * n, n);
        Tensor(prefix + "mlp.2.bias", Init.Bias, TypeF32, n);
        Norm(prefix + "mlp_ln.", n);
    }

    private void Attention(string prefix, int n)
    {
        Tensor(prefix + "query.weight", Init.Weight, TypeF16, n, n);
        Tensor(prefix + "query.bias", Init.Bias, TypeF32, n);
        Tensor(prefix + "key.weight", Init.Weight, TypeF16, n, n); // Whisper's key projection has no bias
        Tensor(prefix + "value.weight", Init.Weight, TypeF16, n, n);
        Tensor(prefix + "value.bias", Init.Bias, TypeF32, n);
        Tensor(prefix + "out.weight", Init.Weight, TypeF16, n, n);
        Tensor(prefix + "out.bias", Init.Bias, TypeF32, n);
    }

    private void Norm(string prefix, int n)
    {
        Tensor(prefix + "weight", Init.One, TypeF32, n);
        Tensor(prefix + "bias", Init.Zero, TypeF32, n);
    }

    private enum Init { Weight, Bias, Small, One, Zero, Sinusoids }

    /// <summary>One tensor: header, then <paramref name="dims"/> values (ggml order: fastest-varying first, PyTorch's
    /// shape reversed) made by <paramref name="init"/> and stored as <paramref name="type"/> under <paramref name="name"/>.</summary>
    private void Tensor(string name, Init init, int type, params ReadOnlySpan<int> dims)
    {
        var count = 1;
        foreach (var d in dims)
        {
            count *= d;
        }

        var nameBytes = Encoding.UTF8.GetBytes(name);
        WriteInt32(dims.Length);
        WriteInt32(nameBytes.Length);
        WriteInt32(type);
        foreach (var d in dims)
        {
            WriteInt32(d);
        }

        WriteRaw(nameBytes);

        if (_values.Length < count)
        {
            _values = new float[count];
        }

        var values = _values.AsSpan(0, count);
        Fill(values, init, dims);
        if (type == TypeF32)
        {
            WriteRaw(MemoryMarshal.AsBytes(values));
        }
        else
        {
            if (_bytes.Length < 2 * count)
            {
                _bytes = new byte[2 * count];
            }

            var halves = MemoryMarshal.Cast<byte, Half>(_bytes.AsSpan(0, 2 * count));
            for (var i = 0; i < count; i++)
            {
                halves[i] = (Half)values[i];
            }

            WriteRaw(_bytes.AsSpan(0, 2 * count));
        }
    }

    private void Fill(Span<float> values, Init init, ReadOnlySpan<int> dims)
    {
        switch (init)
        {
            case Init.One: values.Fill(1f); break;
            case Init.Zero: values.Clear(); break;
            case Init.Bias: Uniform(values, 0.02f); break;
            case Init.Small: Uniform(values, 0.01f); break;
            // Activations keep about unit scale layer after layer: uniform with variance 1 / fan-in (ne0 × ne1 for a
            // convolution kernel, ne0 for a matrix), so no f16 overflow and no collapse to zero in 4-32 layers.
            case Init.Weight:
                var fanIn = dims.Length == 3 ? dims[0] * dims[1] : dims[0];
                Uniform(values, MathF.Sqrt(3f / fanIn));
                break;
            case Init.Sinusoids: Sinusoids(values, dims[0], dims[1]); break;
        }
    }

    /// <summary>openai/whisper's encoder position table: sin then cos over log-spaced timescales up to 10000.</summary>
    private static void Sinusoids(Span<float> values, int channels, int length)
    {
        var half = channels / 2;
        var step = Math.Log(10000) / (half - 1);
        for (var t = 0; t < length; t++)
        {
            for (var c = 0; c < half; c++)
            {
                var angle = t * Math.Exp(-step * c);
                values[t * channels + c] = (float)Math.Sin(angle);
                values[t * channels + half + c] = (float)Math.Cos(angle);
            }
        }
    }

    /// <summary>Uniform in [-limit, limit) from SplitMix64: fast, and the same on every platform and .NET version.</summary>
    private void Uniform(Span<float> values, float limit)
    {
        for (var i = 0; i < values.Length; i++)
        {
            var z = _state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            z ^= z >> 31;
            var unit = (z >> 40) * (1f / (1 << 24)); // 24 random bits: exact in a float
            values[i] = (2f * unit - 1f) * limit;
        }
    }

    private void WriteInt32(int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        WriteRaw(bytes);
    }

    private void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        _output.Write(bytes);
        _hash.AppendData(bytes);
    }
}
