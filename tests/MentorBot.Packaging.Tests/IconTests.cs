using MentorBot.Testing;
namespace MentorBot.Packaging.Tests;

public sealed class IconTests
{
    private static byte[] Icon(string name) => File.ReadAllBytes(Path.Combine(RepoPaths.Icons, name));

    [Fact]
    public void Color_icon_is_192_by_192()
    {
        Assert.Equal((192, 192), Png.ReadSize(Icon("color.png")));
    }

    [Fact]
    public void Outline_icon_is_32_by_32()
    {
        Assert.Equal((32, 32), Png.ReadSize(Icon("outline.png")));
    }

    [Fact]
    public void Outline_icon_is_white_on_full_transparency_edge_to_edge()
    {
        var pixels = Png.DecodeRgba(Icon("outline.png"));

        var notWhite = Enumerable.Range(0, 32 * 32)
            .Where(i => pixels[(i * 4) + 3] != 0 && (pixels[i * 4] != 255 || pixels[(i * 4) + 1] != 255 || pixels[(i * 4) + 2] != 255))
            .Select(i => $"({i % 32}, {i / 32})")
            .ToList();
        Assert.True(notWhite.Count == 0, $"visible pixels that are not white: {string.Join(", ", notWhite)}");

        // No padding: the symbol reaches (nearly) every edge.
        var (left, top, right, bottom) = SymbolBounds(32, i => pixels[i + 3] >= 128);
        Assert.True(left <= 1 && top <= 1 && right >= 30 && bottom >= 30, $"symbol spans ({left},{top})-({right},{bottom}); the outline icon should have no padding");
    }

    [Fact]
    public void Color_icon_has_a_solid_background_and_a_centred_symbol_with_padding()
    {
        var pixels = Png.DecodeRgba(Icon("color.png"));
        var background = pixels.AsSpan(0, 4).ToArray();

        Assert.All(Enumerable.Range(0, 192 * 192), i => Assert.Equal(255, pixels[(i * 4) + 3]));
        var (left, top, right, bottom) = SymbolBounds(192, i => !pixels.AsSpan(i, 4).SequenceEqual(background));
        Assert.True(left >= 44 && top >= 44 && right <= 147 && bottom <= 147, $"symbol spans ({left},{top})-({right},{bottom}); it should stay in the central 96x96 box");
        Assert.True(right - left >= 80 && bottom - top >= 80, $"symbol spans ({left},{top})-({right},{bottom}); it should fill most of the central 96x96 box");
    }

    [Fact]
    public async Task Icons_are_reproduced_byte_for_byte_by_make_icons()
    {
        RepoPaths.RequireNodeModules();
        using var output = new TempDirectory();

        var result = await RepoPaths.RunManifestToolAsync("make-icons.mjs", "--out", output.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Icon("color.png"), File.ReadAllBytes(output.File("color.png")));
        Assert.Equal(Icon("outline.png"), File.ReadAllBytes(output.File("outline.png")));
    }

    /// <summary>Bounding box of the pixels the predicate (given a pixel's byte offset) says belong to the symbol.</summary>
    private static (int Left, int Top, int Right, int Bottom) SymbolBounds(int size, Func<int, bool> isSymbol)
    {
        int left = size, top = size, right = -1, bottom = -1;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (isSymbol(((y * size) + x) * 4))
                {
                    (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x), Math.Max(bottom, y));
                }
            }
        }

        return (left, top, right, bottom);
    }
}
