namespace Visnyk.Media;

// Neutral stand-in pictures for demo and synthetic content (no real photos ship with Visnyk):
// a soft diagonal gradient between two muted colours chosen from the seed.
public static class Placeholder
{
    static readonly (int R, int G, int B)[] Palette =
    [
        (96, 125, 139), (121, 134, 203), (77, 140, 130), (141, 110, 99),
        (120, 144, 156), (158, 157, 36), (93, 109, 126), (149, 117, 205),
    ];

    public static NetVips.Image Create(int seed, int width = 1600, int height = 1067)
    {
        var from = Palette[Math.Abs(seed) % Palette.Length];
        var to = Palette[Math.Abs(seed / Palette.Length + 3) % Palette.Length];
        using var xy = NetVips.Image.Xyz(width, height);
        // t runs from 0 in the top-left corner to 1 in the bottom-right one.
        using var t = (xy[0] * (1.0 / (width + height)) + xy[1] * (1.0 / (width + height)));
        using var r = t * (to.R - from.R) + from.R;
        using var g = t * (to.G - from.G) + from.G;
        using var b = t * (to.B - from.B) + from.B;
        using var rgb = r.Bandjoin(g, b);
        return rgb.Cast(NetVips.Enums.BandFormat.Uchar).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
    }
}
