// MathJax 3 for pymdownx.arithmatex (generic mode); the script itself is served from the site (assets/mathjax).
window.MathJax = {
  tex: {inlineMath: [["\\(", "\\)"]], displayMath: [["\\[", "\\]"]], processEscapes: true, processEnvironments: true},
  options: {ignoreHtmlClass: ".*|", processHtmlClass: "arithmatex"},
  chtml: {fontURL: new URL("mathjax/output/chtml/fonts/woff-v2", document.currentScript.src).href},
  loader: {paths: {mathjax: new URL("mathjax", document.currentScript.src).href.replace(/\/$/, "")}}
};
