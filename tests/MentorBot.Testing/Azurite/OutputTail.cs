using System.Collections.Concurrent;

namespace MentorBot.Testing;

/// <summary>Keeps the last lines a child process printed, to explain a failed start.</summary>
internal sealed class OutputTail
{
    private const int MaxLines = 200;
    private readonly ConcurrentQueue<string> _lines = new();

    public void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        while (_lines.Count > MaxLines && _lines.TryDequeue(out _))
        {
        }
    }

    public override string ToString() => _lines.IsEmpty ? "(no output)" : string.Join(Environment.NewLine, _lines);
}
