using System;

namespace McProxy.Tests.Pipeline;

/// <summary>The pipeline asked the kernel for something it never may (see <see cref="PipelineRig"/>).</summary>
internal sealed class PipelineInvariantException : Exception
{
    public PipelineInvariantException(string message)
        : base(message)
    {
    }
}
