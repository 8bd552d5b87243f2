using NetVips;
using Visnyk.Media;

namespace Visnyk.Tests.Media;

// The demo photos once were flat gradients that looked like broken images (issue 15). Measured on
// the 480-pixel thumbnail, where the sensor grain is averaged away, so noise alone cannot pass:
// a flat picture has a deviation near 0 and no detail; a grainy flat one about 1 and 0.3.
public class PlaceholderTests
{
    // 0-3 are one of each scene; 108 and 111 have the least detail in the sky of the demo and
    // synthetic seeds (a clear sky is as plain in a real photograph).
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(108)]
    [InlineData(111)]
    public void A_demo_photo_has_light_and_shade_many_colours_and_detail_above_and_below(int seed)
    {
        using var picture = Placeholder.Create(seed);
        using var thumbnail = picture.Resize(480.0 / picture.Width);
        using var grey = thumbnail.Colourspace(Enums.Interpretation.Bw)[0].Cast(Enums.BandFormat.Float);

        Assert.Equal((1600, 1067), (picture.Width, picture.Height));
        Assert.True(grey.Deviate() > 20, $"contrast: deviation of luminance {grey.Deviate():F1}");
        Assert.True(DistinctColours(thumbnail) > 3000, $"{DistinctColours(thumbnail)} colours");
        var half = grey.Height / 2;
        foreach (var (name, part) in new[] { ("upper", grey.Crop(0, 0, grey.Width, half)), ("lower", grey.Crop(0, half, grey.Width, grey.Height - half)) })
        {
            // Detail between 1 and 4 pixels across (texture, edges, clouds), not the finest grain.
            using var detail = (part.Gaussblur(1) - part.Gaussblur(4)).Abs();
            Assert.True(part.Deviate() > 12, $"{name} half: deviation {part.Deviate():F1}");
            Assert.True(detail.Avg() > 0.5, $"{name} half: detail {detail.Avg():F2}");
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_pixels_and_another_seed_other_ones()
    {
        using var first = Placeholder.Create(5);
        using var again = Placeholder.Create(5);
        using var other = Placeholder.Create(9);

        Assert.Equal(first.WriteToMemory<byte>(), again.WriteToMemory<byte>());
        Assert.NotEqual(first.WriteToMemory<byte>(), other.WriteToMemory<byte>());
    }

    [Fact]
    public void Every_scene_can_be_asked_for_at_any_size()
    {
        foreach (var scene in Enum.GetValues<Placeholder.Scene>())
        {
            using var picture = Placeholder.Create(scene, 42, 301, 199);
            Assert.Equal((301, 199, 3), (picture.Width, picture.Height, picture.Bands));
        }
    }

    static int DistinctColours(NetVips.Image picture)
    {
        var pixels = picture.WriteToMemory<byte>();
        var colours = new HashSet<int>();
        for (var i = 0; i < pixels.Length; i += 3)
        {
            colours.Add(pixels[i] << 16 | pixels[i + 1] << 8 | pixels[i + 2]);
        }
        return colours.Count;
    }
}
