using BenchmarkDotNet.Running;
using Cxr.Benchmarks.Inference;

if (args.Length > 0 && args[0] == InferenceMemoryProbe.Mode)
{
    return InferenceMemoryProbe.Run(args[1..]);
}

if (args.Length > 0 && args[0] == ColdLoadProbe.Mode)
{
    return ColdLoadProbe.Run(args[1..]);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
