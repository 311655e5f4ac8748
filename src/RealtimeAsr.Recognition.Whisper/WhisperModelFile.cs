using System.Buffers.Binary;
using System.Globalization;

namespace RealtimeAsr.Recognition.Whisper;

/// <summary>
/// Checks a whisper.cpp ggml model file before whisper.cpp sees it. whisper.cpp trusts the file: a truncated or
/// garbage file can make it read past what is there or allocate from nonsense sizes instead of failing cleanly, and a
/// vocabulary-only file (no tensors) loads "as an empty model for testing" and transcribes nothing. This walks the
/// whole layout — magic, hyperparameters, mel filters, vocabulary, every tensor header and the extent of its data —
/// without reading the weights, and explains the first thing that is wrong.
/// </summary>
public static class WhisperModelFile
{
    private const uint GgmlMagic = 0x67676d6c;     // "ggml", little-endian
    private const uint GgufMagic = 0x46554747;     // "GGUF"
    private const int MaxNameLength = 256;
    private const int MaxTokenLength = 1024;

    /// <summary>The ggml types a whisper.cpp 1.8 file may store tensors in: (elements per block, bytes per block).</summary>
    private static readonly Dictionary<int, (int Block, int Bytes)> s_tensorTypes = new()
    {
        [0] = (1, 4),       // f32
        [1] = (1, 2),       // f16
        [2] = (32, 18),     // q4_0
        [3] = (32, 20),     // q4_1
        [6] = (32, 22),     // q5_0
        [7] = (32, 24),     // q5_1
        [8] = (32, 34),     // q8_0
        [10] = (256, 84),   // q2_k
        [11] = (256, 110),  // q3_k
        [12] = (256, 144),  // q4_k
        [13] = (256, 176),  // q5_k
        [14] = (256, 210),  // q6_k
        [30] = (1, 2),      // bf16
    };

    /// <summary>The file types (ggml_ftype) whisper.cpp maps to a weight type.</summary>
    private static readonly HashSet<int> s_fileTypes = [0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 13, 14, 24];

    /// <summary>Reads and checks the model at <paramref name="path"/>.</summary>
    /// <exception cref="WhisperModelException">The file is missing or unusable; the message says why.</exception>
    public static WhisperModelInfo Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new WhisperModelException(path, Directory.Exists(path) ? "is a directory, not a model file" : "does not exist");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            return new Reader(stream, path).ReadModel();
        }
        catch (IOException e)
        {
            throw new WhisperModelException(path, $"cannot be read ({e.Message})", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new WhisperModelException(path, $"cannot be read ({e.Message})", e);
        }
    }

    private sealed class Reader(FileStream stream, string path)
    {
        private readonly long _length = stream.Length;
        private readonly byte[] _buffer = new byte[MaxTokenLength];

        public WhisperModelInfo ReadModel()
        {
            if (_length < 4 + 11 * 4)
            {
                throw Problem($"is too short to be a Whisper model ({_length} bytes)");
            }

            var magic = (uint)ReadInt32("the magic");
            if (magic == GgufMagic)
            {
                throw Problem("is a GGUF file; whisper.cpp reads Whisper models in the ggml format (ggml-*.bin)");
            }

            if (magic != GgmlMagic)
            {
                throw Problem($"is not a ggml Whisper model (magic 0x{magic:x8}, expected 0x{GgmlMagic:x8})");
            }

            var info = new WhisperModelInfo(
                ReadInt32("n_vocab"), ReadInt32("n_audio_ctx"), ReadInt32("n_audio_state"), ReadInt32("n_audio_head"),
                ReadInt32("n_audio_layer"), ReadInt32("n_text_ctx"), ReadInt32("n_text_state"), ReadInt32("n_text_head"),
                ReadInt32("n_text_layer"), ReadInt32("n_mels"), ReadInt32("ftype"));
            CheckHyperparameters(info);

            var filterBands = ReadInt32("the mel filter size");
            var filterBins = ReadInt32("the mel filter size");
            if (filterBands <= 0 || filterBands > 512 || filterBins <= 0 || filterBins > 4096)
            {
                throw Problem($"has an implausible mel filterbank size ({filterBands} × {filterBins})");
            }

            Skip(4L * filterBands * filterBins, "the mel filters");

            var tokens = ReadInt32("the vocabulary size");
            if (tokens <= 0 || tokens > info.VocabularySize)
            {
                throw Problem($"has {tokens} vocabulary entries for n_vocab {info.VocabularySize}");
            }

            for (var i = 0; i < tokens; i++)
            {
                var length = ReadInt32("the vocabulary");
                if (length < 0 || length > MaxTokenLength)
                {
                    throw Problem($"has an implausible vocabulary entry {i} ({length} bytes)");
                }

                Skip(length, "the vocabulary");
            }

            if (stream.Position == _length)
            {
                throw Problem("has a vocabulary but no weights (a vocabulary-only test file, which whisper.cpp loads as an " +
                    "empty model that transcribes nothing)");
            }

            var tensors = 0;
            while (stream.Position < _length)
            {
                ReadTensor(tensors);
                tensors++;
            }

            if (tensors != info.ExpectedTensorCount)
            {
                throw Problem($"has {tensors} tensors where a {info.Size} model has {info.ExpectedTensorCount} (truncated or incomplete)");
            }

            return info;
        }

        private void CheckHyperparameters(WhisperModelInfo h)
        {
            static bool InRange(int value, int max) => value > 0 && value <= max;

            var plausible = InRange(h.VocabularySize, 1 << 20) && InRange(h.AudioContext, 1 << 16)
                && InRange(h.AudioState, 1 << 14) && InRange(h.AudioHeads, 256) && InRange(h.AudioLayers, 256)
                && InRange(h.TextContext, 1 << 16) && InRange(h.TextState, 1 << 14) && InRange(h.TextHeads, 256)
                && InRange(h.TextLayers, 256) && InRange(h.MelBands, 512)
                && h.AudioState % h.AudioHeads == 0 && h.TextState % h.TextHeads == 0 && h.AudioState == h.TextState;
            if (!plausible)
            {
                throw Problem(string.Create(CultureInfo.InvariantCulture,
                    $"has implausible hyperparameters (n_vocab {h.VocabularySize}, audio {h.AudioContext}/{h.AudioState}/" +
                    $"{h.AudioHeads}/{h.AudioLayers}, text {h.TextContext}/{h.TextState}/{h.TextHeads}/{h.TextLayers}, " +
                    $"n_mels {h.MelBands}): not a Whisper model, or corrupt"));
            }

            if (h.FileType < 0 || !s_fileTypes.Contains(h.WeightType))
            {
                throw Problem($"has an unknown weight type (ftype {h.FileType})");
            }
        }

        private void ReadTensor(int index)
        {
            var at = stream.Position;
            var dimensions = ReadInt32("a tensor header");
            var nameLength = ReadInt32("a tensor header");
            var type = ReadInt32("a tensor header");
            if (dimensions is < 1 or > 4 || nameLength is < 1 or > MaxNameLength || !s_tensorTypes.TryGetValue(type, out var layout))
            {
                throw Problem($"has a corrupt header for tensor {index} at byte {at} " +
                    $"({dimensions} dimensions, name of {nameLength} bytes, type {type})");
            }

            long elements = 1;
            for (var d = 0; d < dimensions; d++)
            {
                var size = ReadInt32("a tensor header");
                if (size <= 0 || size > 1 << 24)
                {
                    throw Problem($"has a corrupt shape for tensor {index} at byte {at} (dimension {d} is {size})");
                }

                elements *= size;
            }

            ReadExactly(nameLength, "a tensor name");
            var name = System.Text.Encoding.UTF8.GetString(_buffer, 0, nameLength);
            if (elements % layout.Block != 0)
            {
                throw Problem($"has tensor '{name}' with {elements} elements, not whole blocks of its type {type}");
            }

            Skip(elements / layout.Block * layout.Bytes, $"tensor '{name}'");
        }

        private int ReadInt32(string what)
        {
            ReadExactly(4, what);
            return BinaryPrimitives.ReadInt32LittleEndian(_buffer);
        }

        private void ReadExactly(int count, string what)
        {
            if (_length - stream.Position < count)
            {
                throw Truncated(what, count);
            }

            stream.ReadExactly(_buffer, 0, count);
        }

        private void Skip(long count, string what)
        {
            if (_length - stream.Position < count)
            {
                throw Truncated(what, count);
            }

            stream.Seek(count, SeekOrigin.Current);
        }

        private WhisperModelException Truncated(string what, long needed) =>
            Problem($"is truncated in {what} ({needed} bytes needed at byte {stream.Position}, the file ends at {_length})");

        private WhisperModelException Problem(string problem) => new(path, problem);
    }
}
