namespace Cxr.Training.Trainer;

/// <summary>Optimisers the trainer offers.</summary>
public enum OptimizerKind
{
    /// <summary>AdamW with decoupled weight decay (the default recipe).</summary>
    AdamW,

    /// <summary>RMSprop as Keras configures it (rho 0.9, eps 1e-7): the notebook recipe.</summary>
    RmsProp,
}
