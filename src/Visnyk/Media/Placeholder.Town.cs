namespace Visnyk.Media;

public static partial class Placeholder
{
    // A town by a river at dusk: an orange glow under a deep blue sky, blocks of flats against
    // it with lit windows, all mirrored in the water.
    static Func<float, float, Colour> Dusk(Canvas c)
    {
        var line = c.Chance(0.6f, 0.7f);
        var back = Blocks(c, 0.04f, 0.16f, 0.05f, 0.12f);
        var front = Blocks(c, 0.06f, 0.3f, 0.04f, 0.09f);
        var glow = c.Noise(c.Width / 3f, 3, 0.5f, c.Width / 4, c.Height / 4);
        float cellX = 9f / 800, cellY = 12f / 534;
        Colour top = Colour.Hex(0x1c2a55), middle = Colour.Hex(0x8a5a7a), horizon = Colour.Hex(0xf39a4f);
        Colour far = Colour.Hex(0x4a4560), near = Colour.Hex(0x1a1a26), lamp = Colour.Hex(0xffcf86);
        Colour Above(float x, float y)
        {
            var column = Math.Min((int)(x * c.Width), c.Width - 1);
            var t = Smoothstep(0, line, y);
            var sky = (t < 0.6f ? top.To(middle, t / 0.6f) : middle.To(horizon, (t - 0.6f) / 0.4f))
                * (1 + 0.06f * glow.Sample(x * glow.Width, y * glow.Height));
            var backTop = line - back[column].Height;
            var colour = sky.To(far, Smoothstep(backTop - 0.001f, backTop + 0.001f, y));
            var (height, id) = front[column];
            var frontTop = line - height;
            if (y < frontTop - 0.002f)
            {
                return colour;
            }
            var building = near;
            int gx = (int)(x / cellX), gy = (int)((line - y) / cellY);
            float fx = x / cellX - gx, fy = (line - y) / cellY - gy;
            var inside = fx is > 0.25f and < 0.75f && fy is > 0.3f and < 0.75f && y > frontTop + cellY && gy > 0;
            if (inside && Hash(gx, gy, id) > 0.45f + 0.4f * Hash(id, 3, 5))
            {
                building = lamp * (0.55f + 0.45f * Hash(gy, gx, id));
            }
            return colour.To(building, Smoothstep(frontTop - 0.001f, frontTop + 0.001f, y));
        }
        return Water(c, Above, line, Colour.Hex(0x141a2a), wind: 4);
    }

    // Flat-roofed buildings side by side: for each column, how high the roof is and which building.
    static (float Height, int Id)[] Blocks(Canvas c, float low, float high, float narrow, float wide)
    {
        var result = new (float, int)[c.Width];
        var id = c.NextSeed();
        for (var x = 0; x < c.Width; id++)
        {
            var width = (int)(c.Chance(narrow, wide) * c.Width);
            var height = c.Chance(low, high);
            for (var i = x; i < Math.Min(c.Width, x + width); i++)
            {
                result[i] = (height, id);
            }
            x += width;
        }
        return result;
    }
}
