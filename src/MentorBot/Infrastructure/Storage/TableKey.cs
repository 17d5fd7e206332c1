using System.Globalization;
using System.Text;

namespace MentorBot.Infrastructure.Storage;

/// <summary>
/// Makes any string safe as a PartitionKey or RowKey: Table Storage forbids '/', '\', '#', '?' and control
/// characters in keys. Those (and '%', so the mapping is reversible) are written as %XX.
/// </summary>
public static class TableKey
{
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder ??= new StringBuilder(value, 0, i, value.Length + 8);
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }

        return builder?.ToString() ?? value;
    }

    public static string Unescape(string key) => Uri.UnescapeDataString(key);
}
