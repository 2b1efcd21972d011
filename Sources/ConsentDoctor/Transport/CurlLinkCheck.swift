import CCurl
import CCurlShim
import CLibXML2
