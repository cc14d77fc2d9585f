"""The catalog as an attacker fills it: description payloads that must never run."""

# What an operator's account, once stolen, might save as a description.
PAYLOADS = [
    '<img src="x" onerror="window.pwned=1">',
    "<script>window.pwned=1</script>",
    '<a href="javascript:window.pwned=1">点我</a>',
    '<div style="position:fixed;inset:0" onclick="window.pwned=1">促销</div>',
    '<svg onload="window.pwned=1"></svg>',
    '<iframe src="https://evil.example/"></iframe>',
    '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">',
]
