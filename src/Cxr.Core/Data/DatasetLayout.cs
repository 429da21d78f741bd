namespace Cxr.Core.Data;

/// <summary>How a data set root is organised on disk.</summary>
public enum DatasetLayout
{
    /// <summary>The Kaggle release: <c>{train,val,test}/{NORMAL,PNEUMONIA}/</c> (any of the split folders may be missing).</summary>
    Kaggle,

    /// <summary>Class folders straight under the root: <c>NORMAL/</c> + <c>PNEUMONIA/</c>, or <c>NORMAL_ALL/</c> + <c>PNEUMONIA_ALL/</c>.</summary>
    Flat,
}
