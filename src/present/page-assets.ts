import { createHash } from 'node:crypto';

/**
 * The page's only style and script, inline so the page is one request on a slow phone
 * connection. The Content-Security-Policy allows exactly these by hash, nothing else.
 * Logical properties (inline-start…) make the same rules right for RTL.
 */
export const PAGE_CSS = `
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}
body{margin:0 auto;max-width:44rem;padding:0 1rem 2rem}
a{color:#0645ad}
a:focus,button:focus,input:focus,textarea:focus,summary:focus,main:focus{outline:3px solid #1a4fd6;outline-offset:2px}
.skip{position:absolute;inset-inline-start:-999px}
.skip:focus{inset-inline-start:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
header{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:center;gap:.5rem;padding:.75rem 0;border-bottom:1px solid #ccc}
.brand{font-weight:700;margin:0}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem;margin:0;padding:0}
nav a{display:inline-block;padding:.35rem .6rem;min-height:44px;line-height:2;border-radius:4px;text-decoration:none}
nav a[aria-current]{background:#1a1a1a;color:#fff}
.verdict{margin:1rem 0;padding:1rem;border-radius:8px;border-inline-start:8px solid}
.verdict h1{margin:0;font-size:2rem}
.verdict p{margin:.25rem 0 0}
.good{background:#e6f4ea;border-color:#0b6b2e;color:#0b3d1c}
.bad{background:#fde8e8;border-color:#a4161a;color:#5c0a0d}
.warn{background:#fff4e0;border-color:#8a5300;color:#4a2c00}
.recognized{color:#0b6b2e;font-weight:600}
dl{display:grid;grid-template-columns:minmax(6rem,2fr) minmax(0,3fr);gap:.25rem 1rem;margin:0}
dt{font-weight:600;overflow-wrap:anywhere}
dd{margin:0;overflow-wrap:anywhere}
h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.note{color:#555;font-size:.9rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:start;padding:.35rem;border-bottom:1px solid #ddd}
.plain{list-style:none;padding:0;margin:0}
.checks li{padding:.35rem 0;border-bottom:1px solid #eee}
.ok{color:#0b6b2e;font-weight:600}.ko{color:#a4161a;font-weight:600}.unsure{color:#8a5300;font-weight:600}.na{color:#555;font-weight:600}
details{font-size:.9rem;color:#333}
textarea{width:100%;min-height:8rem;font:inherit;font-family:ui-monospace,monospace;font-size:.85rem}
button{font:inherit;padding:.6rem 1.2rem;min-height:44px;background:#1a4fd6;color:#fff;border:0;border-radius:4px;cursor:pointer}
label{display:block;font-weight:600;margin:.5rem 0 .25rem}
.checking main>*:not(#carried-status){display:none}
#carried-status{display:none}
.checking #carried-status{display:block}
footer{margin-top:2rem;border-top:1px solid #ccc;padding-top:.5rem}
`;

/**
 * 1. A link whose fragment carries the credential (`#vc=`) posts that payload for checking:
 *    the fragment never reaches the server in a GET, and is never logged.
 * 2. A chosen file is read into the paste box (no multipart upload on the server).
 * 3. Language links keep the fragment, so switching language keeps the carried credential.
 */
export const PAGE_SCRIPT = `(function(){
var d=document,h=location.hash,f=d.getElementById('carried-form');
if(f&&h.indexOf('#vc=')===0&&!d.body.hasAttribute('data-carried')){
d.body.classList.add('checking');f.elements.vc.value=decodeURIComponent(h.slice(4));f.submit();}
var u=d.getElementById('upload'),t=d.getElementById('credential');
if(u&&t)u.addEventListener('change',function(){var x=u.files&&u.files[0];if(!x)return;var r=new FileReader();r.onload=function(){t.value=String(r.result);};r.readAsText(x);});
if(h.indexOf('#vc=')===0){var a=d.querySelectorAll('a[data-keep-fragment]');for(var i=0;i<a.length;i++)a[i].href+=h;}
})();`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** No external source of any kind; forms post only here; nothing may frame the page. */
export const PAGE_CSP = [
  "default-src 'none'",
  `style-src ${sha256(PAGE_CSS)}`,
  `script-src ${sha256(PAGE_SCRIPT)}`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');
