namespace Visnyk.Media;

public static partial class Placeholder
{
    // Still water below a line, mirroring what stands above it, broken by small ripples and
    // darker than what it mirrors.
    static Func<float, float, Colour> Water(Canvas c, Func<float, float, Colour> above, float line, Colour tint, float wind = 1)
    {
        var ripples = c.Noise(24, 3, 0.5f, c.Width / 4, c.Height);
        return (x, y) =>
        {
            if (y < line)
            {
                return above(x, y);
            }
            var near = Smoothstep(line, 1, y);
            var wave = ripples.Sample(x * ripples.Width, y * c.Height * (1.2f - near));
            var mirrored = MathF.Max(0, 2 * line - y + wave * 0.004f * wind * (0.3f + near));
            var reflection = above(Math.Clamp(x + wave * 0.003f * wind, 0, 1), mirrored);
            var glint = 0.85f + 0.25f * wave;
            return (reflection * glint).To(tint, 0.25f + 0.25f * near);
        };
    }

    static Func<float, float, Colour> River(Canvas c)
    {
        var line = c.Chance(0.5f, 0.6f);
        var sky = Sky(c, line, Colour.Hex(0x3a6db5), Colour.Hex(0xc4d6e6), c.Chance(0.3f, 0.55f));
        var far = Crowns(c, c.Chance(0.02f, 0.03f), 0.5f);
        var near = Crowns(c, c.Chance(0.035f, 0.06f), 0.6f);
        var leaves = c.Noise(c.Width / 60f, 4);
        Colour hazy = Colour.Hex(0x6f8a7e), green = Colour.Hex(0x4f6636), shade = Colour.Hex(0x1c2618);
        var bank = line - 0.012f;
        Colour Above(float x, float y)
        {
            var column = Math.Min((int)(x * c.Width), c.Width - 1);
            if (y > bank)
            {
                // The strip of earth and reeds where the trees meet the water.
                return shade.To(Colour.Hex(0x5a5a3c), 0.4f + 0.4f * leaves.Sample(x * c.Width, y * c.Height * 4));
            }
            var colour = sky(x, y);
            var leaf = leaves.Sample(x * c.Width, y * c.Height);
            var ragged = leaves.Sample(x * c.Width * 3, 5) * 0.012f;
            var farTop = bank - far[column] - 0.03f + ragged;
            colour = colour.To(hazy * (0.9f + 0.25f * leaf), Smoothstep(farTop - 0.002f, farTop + 0.002f, y));
            var nearTop = bank - near[column] + ragged;
            var lit = Smoothstep(bank, nearTop, y);
            var tree = shade.To(green, 0.35f + 0.5f * lit + 0.35f * leaf);
            return colour.To(tree, Smoothstep(nearTop - 0.002f, nearTop + 0.002f, y));
        }
        return Water(c, Above, line, Colour.Hex(0x304a4a));
    }
}
