using System.Globalization;

namespace RealtimeAsr.Recognition;

/// <summary>Checks engines' settings the same way, so that every engine's start-up error reads alike.</summary>
public static class EngineSettings
{
    /// <summary>
    /// Throws <see cref="ArgumentException"/> "<c>name is value; it must be range.</c>" unless <paramref name="valid"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The setting is out of range.</exception>
    public static void Require(bool valid, string name, object value, string range)
    {
        if (!valid)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{name} is {value}; it must be {range}."), name);
        }
    }
}
