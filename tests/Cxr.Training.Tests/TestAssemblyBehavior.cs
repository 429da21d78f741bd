// Models are seeded through libtorch's one global generator (torch.manual_seed), so test classes that build or train
// models must not interleave: run this assembly's tests one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
