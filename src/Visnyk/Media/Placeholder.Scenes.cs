namespace Visnyk.Media;

public static partial class Placeholder
{
    // A summer sky: deep blue overhead, pale at the horizon, with heaped clouds lit from above.
    static Func<float, float, Colour> Sky(Canvas c, float horizon, Colour zenith, Colour low, float clouds)
    {
        var density = c.Noise(c.Width / 3f, 6, 0.55f, c.Width / 2, c.Height);
        var step = 1f / 60;
        var white = new Colour(255, 252, 248);
        return (x, y) =>
        {
            var sky = zenith.To(low, MathF.Pow(Smoothstep(-0.1f, horizon, y), 0.8f));
            float u = x * density.Width, v = y * density.Height;
            var d = density.Sample(u, v);
            var above = density.Sample(u, v - step * density.Height);
            var cover = Smoothstep(0.05f, 0.45f, d + clouds - 0.5f) * (0.4f + 0.6f * Smoothstep(horizon + 0.02f, horizon - 0.25f, y));
            var light = 0.68f + 0.3f * Smoothstep(-0.12f, 0.15f, d - above) - 0.15f * Smoothstep(0.3f, 1, d);
            return sky.To(white * light, cover);
        };
    }

    // Where a point below the horizon lies on flat ground, in texture units: across and away.
    static (float U, float V, float Depth) OnGround(Canvas c, float x, float y, float horizon, float scale)
    {
        var depth = scale / MathF.Max(1, (y - horizon) * c.Height);
        return ((x - 0.5f) * c.Width * depth + 1000, depth * c.Width * 0.5f, depth);
    }

    // Rounded crowns of trees standing in a row: a height above their base for each column, in
    // fractions of the picture's height.
    static float[] Crowns(Canvas c, float radius, float jitter)
    {
        var heights = new float[c.Width];
        var r = radius * c.Height;
        for (var centre = -r; centre < c.Width + r; centre += r * c.Chance(0.5f, 1.1f))
        {
            var size = r * c.Chance(1 - jitter, 1 + jitter);
            var lift = size * c.Chance(0, jitter);
            for (var i = Math.Max(0, (int)(centre - size)); i < Math.Min(c.Width, (int)(centre + size)); i++)
            {
                var dx = Math.Clamp((i - centre) / size, -1, 1);
                heights[i] = Math.Max(heights[i], (lift + size * MathF.Sqrt(1 - dx * dx)) / c.Height);
            }
        }
        return heights;
    }

    static Func<float, float, Colour> Field(Canvas c)
    {
        var horizon = c.Chance(0.52f, 0.6f);
        var sky = Sky(c, horizon, Colour.Hex(0x2f62b0), Colour.Hex(0xb9d0e6), c.Chance(0.35f, 0.6f));
        var belt = Crowns(c, c.Chance(0.006f, 0.014f), 0.4f);
        var leaves = c.Noise(c.Width / 100f, 3);
        const int size = 1024;
        var patches = c.Noise(150, 4, 0.5f, 2 * size, size / 2);
        var stalks = c.Noise(3, 2, 0.5f, c.Width / 2, c.Height / 20 + 1);
        Colour dark = Colour.Hex(0x8a5a22), bright = Colour.Hex(0xe2b964), haze = Colour.Hex(0xc9c6b4), trees = Colour.Hex(0x46594d);
        return (x, y) =>
        {
            var column = Math.Min((int)(x * c.Width), c.Width - 1);
            if (y < horizon)
            {
                var top = horizon - belt[column];
                var sky1 = sky(x, y);
                if (y < top - 0.003f)
                {
                    return sky1;
                }
                var tree = trees * (0.85f + 0.3f * leaves.Sample(x * c.Width, y * c.Height));
                return sky1.To(tree, Smoothstep(top - 0.0015f, top + 0.0015f, y));
            }
            var (u, v, depth) = OnGround(c, x, y, horizon, 80);
            var near = Smoothstep(horizon, 1, y);
            var tone = 0.5f + patches.Sample(u, v) * 0.6f * (0.2f + 0.8f * near) + stalks.Sample(x * c.Width / 2, y * c.Height / 20) * 0.5f * near * near;
            var wheat = dark.To(bright, Math.Clamp(tone, 0, 1));
            return wheat.To(haze, 0.7f * MathF.Pow(1 - near, 6));
        };
    }

    // Snow under a white-grey sky, a dark line of firs and soft drifts with blue shadows.
    static Func<float, float, Colour> Winter(Canvas c)
    {
        var horizon = c.Chance(0.45f, 0.58f);
        var overcast = c.Noise(c.Width / 2f, 5, 0.5f, c.Width / 2, c.Height / 2);
        var firs = new float[c.Width];
        for (var i = 0; i < 260; i++)
        {
            var centre = c.Chance(-0.05f, 1.05f) * c.Width;
            var height = c.Chance(0.015f, 0.08f) * c.Height * (i % 7 == 0 ? 1.5f : 1);
            var half = height * c.Chance(0.14f, 0.22f);
            for (var x = Math.Max(0, (int)(centre - half)); x < Math.Min(c.Width, (int)(centre + half) + 1); x++)
            {
                firs[x] = MathF.Max(firs[x], height * (1 - MathF.Abs(x - centre) / half) / c.Height);
            }
        }
        var needles = c.Noise(6, 2);
        var drifts = c.Noise(200, 4, 0.5f, 2048, 512);
        Colour high = Colour.Hex(0xa9b3bf), low = Colour.Hex(0xe4e6e8), forest = Colour.Hex(0x1e2c25), snow = Colour.Hex(0xf4f6f8), shadow = Colour.Hex(0xa8b8cf);
        return (x, y) =>
        {
            var column = Math.Min((int)(x * c.Width), c.Width - 1);
            if (y < horizon)
            {
                var sky = high.To(low, Smoothstep(0, horizon, y)) * (1 + 0.05f * overcast.Sample(x * overcast.Width, y * overcast.Height));
                var top = horizon - firs[column] - 0.004f + needles.Sample(x * c.Width, y * c.Height) * 0.002f;
                var haze = 0.12f + 0.2f * Smoothstep(horizon - 0.1f, horizon, y);
                var trees = forest.To(low, haze) * (0.9f + 0.2f * needles.Sample(x * c.Width, y * c.Height));
                return sky.To(trees, Smoothstep(top - 0.0015f, top + 0.0015f, y));
            }
            var (u, v, _) = OnGround(c, x, y, horizon, 60);
            var near = Smoothstep(horizon, 1, y);
            // Slopes facing away from the light, read from how the drifts rise, are in shadow.
            var rise = drifts.Sample(u, v) - drifts.Sample(u, v + 3);
            var shade = Math.Clamp(0.35f + rise * 6 * (0.3f + near), 0, 1);
            var crust = needles.Sample(u * 8, v * 8) * 0.05f * near;
            var ground = snow.To(shadow, Math.Clamp(shade * (0.4f + 0.6f * near) + crust, 0, 1));
            return ground.To(low, 0.6f * MathF.Pow(1 - near, 8));
        };
    }
}
