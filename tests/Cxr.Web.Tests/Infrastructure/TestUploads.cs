using System.Net.Http.Headers;
using Cxr.Testing;
using Cxr.Testing.Models;

namespace Cxr.Web.Tests.Infrastructure;

/// <summary>Request bodies for the tests: real shared images and small generated non-images.</summary>
internal static class TestUploads
{
    public static byte[] Normal { get; } = File.ReadAllBytes(TinyModel.NormalImage);

    public static byte[] Pneumonia { get; } = File.ReadAllBytes(TinyModel.PneumoniaImage);

    public static byte[] Pdf { get; } = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"u8.ToArray();

    /// <summary>A real JPEG cut short: recognisable as JPEG, not decodable.</summary>
    public static byte[] TruncatedJpeg { get; } = Normal[..600];

    public static MultipartFormDataContent Form(params (string Field, byte[] Bytes, string FileName)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (field, bytes, fileName) in files)
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            form.Add(content, field, fileName);
        }

        return form;
    }

    public static MultipartFormDataContent Image(byte[] bytes, string fileName = "xray.jpeg") => Form(("image", bytes, fileName));

    public static ByteArrayContent Raw(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }
}
