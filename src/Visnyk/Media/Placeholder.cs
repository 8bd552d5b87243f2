using NetVips;

namespace Visnyk.Media;

// Stand-in pictures for demo and synthetic content (no real photos ship with Visnyk): landscapes
// and streets painted from noise, so that pages look as they will with photographs. The same seed
// always gives the same pixels (the media key is a hash of them). libvips makes the noise; the
// scenes are plain loops over pixels, which is far faster than a long chain of libvips operations.
public static partial class Placeholder
{
    public enum Scene { Field, River, Dusk, Winter }

    public static NetVips.Image Create(int seed, int width = 1600, int height = 1067) =>
        Create((Scene)(Math.Abs(seed) % Enum.GetValues<Scene>().Length), seed, width, height);

    public static NetVips.Image Create(Scene scene, int seed, int width = 1600, int height = 1067)
    {
        var c = new Canvas((width + 1) / 2, (height + 1) / 2, seed);
        Func<float, float, Colour> paint = scene switch
        {
            Scene.Field => Field(c),
            Scene.River => River(c),
            Scene.Dusk => Dusk(c),
            _ => Winter(c),
        };
        return c.Render(paint, width, height);
    }

    static float Smoothstep(float from, float to, float x)
    {
        var t = Math.Clamp((x - from) / (to - from), 0, 1);
        return t * t * (3 - 2 * t);
    }

    // A value in 0..1 for a whole number, the same on every machine (System.Random's sequence is
    // not promised across .NET versions for a seed, hashing is ours).
    static float Hash(int a, int b, int seed)
    {
        var h = (uint)(a * 374761393 + b * 668265263 + seed * 1274126177);
        h = (h ^ (h >> 13)) * 1274126177;
        return (h ^ (h >> 16)) / (float)uint.MaxValue;
    }

    readonly record struct Colour(float R, float G, float B)
    {
        public static Colour Hex(int hex) => new((hex >> 16) & 255, (hex >> 8) & 255, hex & 255);
        public static Colour operator *(Colour c, float k) => new(c.R * k, c.G * k, c.B * k);
        public static Colour operator +(Colour a, Colour b) => new(a.R + b.R, a.G + b.G, a.B + b.B);
        public Colour To(Colour other, float t) =>
            new(R + (other.R - R) * t, G + (other.G - G) * t, B + (other.B - B) * t);
    }

    // Values on a grid, read between the points; past an edge the grid is mirrored, so a texture
    // repeats without a seam.
    sealed class Grid(float[] values, int width, int height)
    {
        public int Width { get; } = width;
        public int Height { get; } = height;

        public float this[int x, int y] => values[y * Width + x];

        public float Sample(float u, float v)
        {
            u = Mirror(u, Width);
            v = Mirror(v, Height);
            int x0 = (int)u, y0 = (int)v;
            int x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
            float fx = u - x0, fy = v - y0;
            var top = this[x0, y0] + (this[x1, y0] - this[x0, y0]) * fx;
            var bottom = this[x0, y1] + (this[x1, y1] - this[x0, y1]) * fx;
            return top + (bottom - top) * fy;
        }

        static float Mirror(float t, int size)
        {
            var last = size - 1;
            t = MathF.Abs(t) % (2 * last);
            return t > last ? 2 * last - t : t;
        }
    }

    // Noise and outlines of one picture, all drawn from its seed.
    sealed class Canvas(int width, int height, int seed)
    {
        public int Width { get; } = width;
        public int Height { get; } = height;
        public int Seed { get; } = seed;
        int next = seed;

        public int NextSeed() => (int)(Hash(++next, 7, Seed) * int.MaxValue);

        public float Chance(float from, float to) => from + (to - from) * Hash(++next, 11, Seed);

        // Fractal noise, roughly -1..1, of the picture's size unless told. The coarse octaves are
        // made small and enlarged, which looks the same and costs less.
        public Grid Noise(float cell, int octaves, float gain = 0.5f, int? width = null, int? height = null)
        {
            int w = width ?? Width, h = height ?? Height;
            NetVips.Image? sum = null;
            var amplitude = 2.2;
            for (var i = 0; i < octaves; i++, cell /= 2, amplitude *= gain)
            {
                var shrink = Math.Max(1, (int)(cell / 16));
                var octave = NetVips.Image.Perlin(w / shrink + 2, h / shrink + 2, Math.Max(2, (int)(cell / shrink)), seed: NextSeed());
                if (shrink > 1)
                {
                    octave = octave.Resize(shrink, kernel: Enums.Kernel.Linear);
                }
                octave = octave.Crop(0, 0, w, h) * amplitude;
                sum = sum is null ? octave : sum + octave;
            }
            return new Grid(sum!.WriteToMemory<float>(), w, h);
        }

        // x and y run 0..1 across and down. The scene is painted at half size and enlarged (at the
        // widths pages show, 960 and less, nothing is lost), then the corners darken a little and
        // the sensor adds its grain at full size.
        public NetVips.Image Render(Func<float, float, Colour> paint, int width, int height)
        {
            var pixels = new byte[Width * Height * 3];
            var aspect = (float)Height / Width;
            Parallel.For(0, Height, row =>
            {
                var y = (row + 0.5f) / Height;
                for (var column = 0; column < Width; column++)
                {
                    var x = (column + 0.5f) / Width;
                    var colour = paint(x, y);
                    float dx = x - 0.5f, dy = (y - 0.5f) * aspect;
                    var light = 1 - (dx * dx + dy * dy) * 0.9f;
                    var at = (row * Width + column) * 3;
                    pixels[at] = (byte)Math.Clamp(colour.R * light, 0, 255);
                    pixels[at + 1] = (byte)Math.Clamp(colour.G * light, 0, 255);
                    pixels[at + 2] = (byte)Math.Clamp(colour.B * light, 0, 255);
                }
            });
            using var painted = NetVips.Image.NewFromMemory(pixels, Width, Height, 3, Enums.BandFormat.Uchar);
            using var full = painted.Resize((double)width / Width, vscale: (double)height / Height);
            // A tile of grain repeated: making noise for every pixel costs more than the scene.
            using var tile = NetVips.Image.Gaussnoise(256, 256, sigma: 4, mean: 0, seed: Seed);
            using var grain = tile.Replicate(width / 256 + 1, height / 256 + 1).Crop(0, 0, width, height);
            using var grainy = full.Crop(0, 0, width, height) + grain;
            // Copied into memory: the pipeline reads the picture several times (hash, each width).
            return grainy.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb).CopyMemory();
        }
    }
}
