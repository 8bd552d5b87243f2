using System.Diagnostics;

// The Ukrainian dictionary's load as the site does it (UkrainianStems.Shared), alone in a process:
// wall time, CPU time, bytes allocated and collections. One load per run (it is loaded once per process).
var took = Stopwatch.StartNew();
var allocated = GC.GetTotalAllocatedBytes(precise: true);
var stems = Visnyk.Search.UkrainianStems.Shared;
took.Stop();
System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
Console.WriteLine(
    $"load {took.ElapsedMilliseconds} ms, CPU {Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds:F0} ms, allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F0} MB, " +
    $"collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}; зустрічей → {string.Join(", ", stems.Of("зустрічей"))}");
