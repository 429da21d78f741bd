using System.Net.Http.Headers;

namespace Cxr.Testing.Images;

/// <summary>The multipart body of a <c>/api/v1/predictions/batch</c> request.</summary>
public static class BatchUpload
{
    /// <summary><paramref name="count"/> copies of <paramref name="jpeg"/> as <c>images</c> parts named
    /// <c>film0.jpeg</c>, <c>film1.jpeg</c>, ….</summary>
    public static MultipartFormDataContent OfCopies(byte[] jpeg, int count)
    {
        var form = new MultipartFormDataContent();
        for (var i = 0; i < count; i++)
        {
            var part = new ByteArrayContent(jpeg);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(part, "images", $"film{i}.jpeg");
        }

        return form;
    }
}
