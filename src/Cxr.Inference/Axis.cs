namespace Cxr.Inference;

/// <summary>Per destination pixel along one axis: the two source indices to blend and the weight of the second.</summary>
internal readonly record struct Axis((int I0, int I1, float F)[] Samples)
{
    public (int I0, int I1, float F) this[int i] => Samples[i];
}
