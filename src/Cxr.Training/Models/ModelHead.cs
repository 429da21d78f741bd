namespace Cxr.Training.Models;

/// <summary>How a model turns its last feature maps into one logit.</summary>
public enum ModelHead
{
    /// <summary>Global average pooling then one linear unit: class-activation maps are exact.</summary>
    GlobalAveragePoolLinear,

    /// <summary>Flatten, dense + ReLU, dense to one unit (the original notebook's head).</summary>
    FlattenDense,
}
