// mammoth's prebuilt browser bundle has the same API as the package's main entry.
declare module "mammoth/mammoth.browser.min.js" {
  import mammoth from "mammoth";
  export default mammoth;
}
