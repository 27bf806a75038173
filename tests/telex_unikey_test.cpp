// Telex as Unikey composes it. The table is the kiosk's own copy of the
// Telex vectors in Unikey's engine tests (fcitx5-unikey, test/testunikey.cpp,
// typed there with spell checking off, one word at a time), in this file's
// format: each row holds "keys=text" pairs separated by spaces. Vectors that
// file comments out (Unikey does not give them) are not in the table. The
// cases after the table are the kiosk's: the words of the issue, k as a final
// consonant and "uăng", which Unikey cannot type.
#include <doctest/doctest.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "content/text.hpp"
#include "kiosk/telex.hpp"

using kiosk::compose_telex;
using kiosk::TelexComposer;

namespace {

struct Vector {
  std::string_view keys;
  std::string_view text;
};

std::vector<Vector> parse(std::initializer_list<std::string_view> rows) {
  std::vector<Vector> out;
  for (std::string_view row : rows) {
    while (!row.empty()) {
      const auto space = row.find(' ');
      const std::string_view pair = row.substr(0, space);
      row = space == std::string_view::npos ? std::string_view{} : row.substr(space + 1);
      if (pair.empty()) continue;
      const auto eq = pair.find('=');
      REQUIRE(eq != std::string_view::npos);
      out.push_back({pair.substr(0, eq), pair.substr(eq + 1)});
    }
  }
  return out;
}

// Composes each vector's keys; returns how many were checked.
int check_all(const std::vector<Vector>& vectors) {
  int checked = 0;
  for (const auto& v : vectors) {
    CAPTURE(v.keys);
    const std::string text = compose_telex(v.keys);
    CHECK(text == v.text);
    CHECK(content::text::to_nfc(text) == text);
    ++checked;
  }
  return checked;
}

const std::vector<Vector>& unikey_a_d() {
  static const auto v = parse({
      "a=a aa=â aaa=aa aac=âc aacj=ậc aacjj=âcj aacs=ấc aacss=âcs aaf=ầ aaff=âf aaj=ậ aajj=âj",
      "aam=âm aamf=ầm aamff=âmf aamj=ậm aamjj=âmj aamr=ẩm aamrr=âmr aams=ấm aamss=âms aamx=ẫm",
      "aamxx=âmx aan=ân aanf=ần aanff=ânf aang=âng aangf=ầng aangff=ângf aangj=ậng aangjj=ângj",
      "aangr=ẩng aangrr=ângr aangs=ấng aangss=ângs aangx=ẫng aangxx=ângx aanj=ận aanjj=ânj",
      "aanr=ẩn aanrr=ânr aans=ấn aanss=âns aanx=ẫn aanxx=ânx aap=âp aapj=ập aapjj=âpj aaps=ấp",
      "aapss=âps aar=ẩ aarr=âr aas=ấ aass=âs aat=ât aatj=ật aatjj=âtj aats=ất aatss=âts",
      "aau=âu aauf=ầu aauff=âuf aauj=ậu aaujj=âuj aaur=ẩu aaurr=âur aaus=ấu aauss=âus aaux=ẫu",
      "aauxx=âux aax=ẫ aaxx=âx aay=ây aayf=ầy aayff=âyf aayj=ậy aayjj=âyj aayr=ẩy aayrr=âyr",
      "aays=ấy aayss=âys aayx=ẫy aayxx=âyx",
      "ac=ac ach=ach achj=ạch achjj=achj achs=ách achss=achs acj=ạc acjj=acj acs=ác acss=acs",
      "af=à aff=af ai=ai aif=ài aiff=aif aij=ại aijj=aij air=ải airr=air ais=ái aiss=ais",
      "aix=ãi aixx=aix aj=ạ ajj=aj",
      "am=am amf=àm amff=amf amj=ạm amjj=amj amr=ảm amrr=amr ams=ám amss=ams amx=ãm amxx=amx",
      "an=an anf=àn anff=anf ang=ang angf=àng angff=angf angj=ạng angjj=angj angr=ảng",
      "angrr=angr angs=áng angss=angs angx=ãng angxx=angx anh=anh anhf=ành anhff=anhf",
      "anhj=ạnh anhjj=anhj anhr=ảnh anhrr=anhr anhs=ánh anhss=anhs anhx=ãnh anhxx=anhx",
      "anj=ạn anjj=anj anr=ản anrr=anr ans=án anss=ans anx=ãn anxx=anx",
      "ao=ao aof=ào aoff=aof aoj=ạo aojj=aoj aor=ảo aorr=aor aos=áo aoss=aos aox=ão aoxx=aox",
      "ap=ap apj=ạp apjj=apj aps=áp apss=aps ar=ả arr=ar as=á ass=as",
      "at=at atj=ạt atjj=atj ats=át atss=ats",
      "au=au auf=àu auff=auf auj=ạu aujj=auj aur=ảu aurr=aur aus=áu auss=aus aux=ãu auxx=aux",
      "aw=ă awc=ăc awcj=ặc awcjj=ăcj awcs=ắc awcss=ăcs awf=ằ awff=ăf awj=ặ awjj=ăj",
      "awm=ăm awmf=ằm awmff=ămf awmj=ặm awmjj=ămj awmr=ẳm awmrr=ămr awms=ắm awmss=ăms",
      "awmx=ẵm awmxx=ămx awn=ăn awnf=ằn awnff=ănf awng=ăng awngf=ằng awngff=ăngf awngj=ặng",
      "awngjj=ăngj awngr=ẳng awngrr=ăngr awngs=ắng awngss=ăngs awngx=ẵng awngxx=ăngx",
      "awnj=ặn awnjj=ănj awnr=ẳn awnrr=ănr awns=ắn awnss=ăns awnx=ẵn awnxx=ănx",
      "awp=ăp awpj=ặp awpjj=ăpj awps=ắp awpss=ăps awr=ẳ awrr=ăr aws=ắ awss=ăs",
      "awt=ăt awtj=ặt awtjj=ătj awts=ắt awtss=ăts aww=aw awx=ẵ awxx=ăx ax=ã axx=ax",
      "ay=ay ayf=ày ayff=ayf ayj=ạy ayjj=ayj ayr=ảy ayrr=ayr ays=áy ayss=ays ayx=ãy ayxx=ayx",
      "d=d dd=đ ddd=dd",
  });
  return v;
}

const std::vector<Vector>& unikey_e_i() {
  static const auto v = parse({
      "e=e ec=ec ecj=ẹc ecjj=ecj ecs=éc ecss=ecs",
      "ee=ê eec=êc eech=êch eechj=ệch eechjj=êchj eechs=ếch eechss=êchs eecj=ệc eecjj=êcj",
      "eecs=ếc eecss=êcs eee=ee eef=ề eeff=êf eej=ệ eejj=êj",
      "eem=êm eemf=ềm eemff=êmf eemj=ệm eemjj=êmj eemr=ểm eemrr=êmr eems=ếm eemss=êms",
      "eemx=ễm eemxx=êmx een=ên eenf=ền eenff=ênf eeng=êng",
      "eenh=ênh eenhf=ềnh eenhff=ênhf eenhj=ệnh eenhjj=ênhj eenhr=ểnh eenhrr=ênhr eenhs=ếnh",
      "eenhss=ênhs eenhx=ễnh eenhxx=ênhx eenj=ện eenjj=ênj eenr=ển eenrr=ênr eens=ến",
      "eenss=êns eenx=ễn eenxx=ênx eep=êp eepj=ệp eepjj=êpj eeps=ếp eepss=êps",
      "eer=ể eerr=êr ees=ế eess=ês eet=êt eetj=ệt eetjj=êtj eets=ết eetss=êts",
      "eeu=êu eeuf=ều eeuff=êuf eeuj=ệu eeujj=êuj eeur=ểu eeurr=êur eeus=ếu eeuss=êus",
      "eeux=ễu eeuxx=êux eex=ễ eexx=êx ef=è eff=ef ej=ẹ ejj=ej",
      "em=em emf=èm emff=emf emj=ẹm emjj=emj emr=ẻm emrr=emr ems=ém emss=ems emx=ẽm emxx=emx",
      "en=en enf=èn enff=enf eng=eng engf=èng engff=engf engj=ẹng engjj=engj engr=ẻng",
      "engrr=engr engs=éng engss=engs engx=ẽng engxx=engx enj=ẹn enjj=enj enr=ẻn enrr=enr",
      "ens=én enss=ens enx=ẽn enxx=enx",
      "eo=eo eof=èo eoff=eof eoj=ẹo eojj=eoj eor=ẻo eorr=eor eos=éo eoss=eos eox=ẽo eoxx=eox",
      "ep=ep epj=ẹp epjj=epj eps=ép epss=eps er=ẻ err=er es=é ess=es",
      "et=et etj=ẹt etjj=etj ets=ét etss=ets ex=ẽ exx=ex",
      "i=i ia=ia iaf=ìa iaff=iaf iaj=ịa iajj=iaj iar=ỉa iarr=iar ias=ía iass=ias iax=ĩa",
      "iaxx=iax ic=ic ich=ich ichj=ịch ichjj=ichj ichs=ích ichss=ichs if=ì iff=if ij=ị ijj=ij",
      "im=im imf=ìm imff=imf imj=ịm imjj=imj imr=ỉm imrr=imr ims=ím imss=ims imx=ĩm imxx=imx",
      "in=in inf=ìn inff=inf inh=inh inhf=ình inhff=inhf inhj=ịnh inhjj=inhj inhr=ỉnh",
      "inhrr=inhr inhs=ính inhss=inhs inhx=ĩnh inhxx=inhx inj=ịn injj=inj inr=ỉn inrr=inr",
      "ins=ín inss=ins inx=ĩn inxx=inx",
      "ip=ip ipj=ịp ipjj=ipj ips=íp ipss=ips ir=ỉ irr=ir is=í iss=is",
      "it=it itj=ịt itjj=itj its=ít itss=its",
      "iu=iu iuf=ìu iuff=iuf iuj=ịu iujj=iuj iur=ỉu iurr=iur ius=íu iuss=ius iux=ĩu iuxx=iux",
      "ix=ĩ ixx=ix",
  });
  return v;
}

const std::vector<Vector>& unikey_o() {
  static const auto v = parse({
      "o=o oc=oc ocj=ọc ocjj=ocj ocs=óc ocss=ocs of=ò off=of",
      "oi=oi oif=òi oiff=oif oij=ọi oijj=oij oir=ỏi oirr=oir ois=ói oiss=ois oix=õi oixx=oix",
      "oj=ọ ojj=oj",
      "om=om omf=òm omff=omf omj=ọm omjj=omj omr=ỏm omrr=omr oms=óm omss=oms omx=õm omxx=omx",
      "on=on onf=òn onff=onf ong=ong ongf=òng ongff=ongf ongj=ọng ongjj=ongj ongr=ỏng",
      "ongrr=ongr ongs=óng ongss=ongs ongx=õng ongxx=ongx onj=ọn onjj=onj onr=ỏn onrr=onr",
      "ons=ón onss=ons onx=õn onxx=onx",
      "oo=ô ooc=ôc oocj=ộc oocjj=ôcj oocs=ốc oocss=ôcs oof=ồ ooff=ôf",
      "ooi=ôi ooif=ồi ooiff=ôif ooij=ội ooijj=ôij ooir=ổi ooirr=ôir oois=ối ooiss=ôis",
      "ooix=ỗi ooixx=ôix ooj=ộ oojj=ôj",
      "oom=ôm oomf=ồm oomff=ômf oomj=ộm oomjj=ômj oomr=ổm oomrr=ômr ooms=ốm oomss=ôms",
      "oomx=ỗm oomxx=ômx oon=ôn oonf=ồn oonff=ônf oong=ông oongf=ồng oongff=ôngf oongj=ộng",
      "oongjj=ôngj oongr=ổng oongrr=ôngr oongs=ống oongss=ôngs oongx=ỗng oongxx=ôngx",
      "oonj=ộn oonjj=ônj oonr=ổn oonrr=ônr oons=ốn oonss=ôns oonx=ỗn oonxx=ônx",
      "ooo=oo oooc=ooc ooocj=oọc ooocjj=oocj ooocs=oóc ooocss=oocs ooon=oon ooong=oong",
      "ooongf=oòng ooongff=oongf ooongj=oọng ooongjj=oongj ooongr=oỏng ooongrr=oongr",
      "ooongs=oóng ooongss=oongs ooongx=oõng ooongxx=oongx",
      "oop=ôp oopj=ộp oopjj=ôpj oops=ốp oopss=ôps oor=ổ oorr=ôr oos=ố ooss=ôs",
      "oot=ôt ootj=ột ootjj=ôtj oots=ốt ootss=ôts oox=ỗ ooxx=ôx",
      "op=op opj=ọp opjj=opj ops=óp opss=ops or=ỏ orr=or os=ó oss=os",
      "ot=ot otj=ọt otjj=otj ots=ót otss=ots",
      "ow=ơ owf=ờ owff=ơf owi=ơi owif=ời owiff=ơif owij=ợi owijj=ơij owir=ởi owirr=ơir",
      "owis=ới owiss=ơis owix=ỡi owixx=ơix owj=ợ owjj=ơj",
      "owm=ơm owmf=ờm owmff=ơmf owmj=ợm owmjj=ơmj owmr=ởm owmrr=ơmr owms=ớm owmss=ơms",
      "owmx=ỡm owmxx=ơmx own=ơn ownf=ờn ownff=ơnf ownj=ợn ownjj=ơnj ownr=ởn ownrr=ơnr",
      "owns=ớn ownss=ơns ownx=ỡn ownxx=ơnx",
      "owp=ơp owpj=ợp owpjj=ơpj owps=ớp owpss=ơps owr=ở owrr=ơr ows=ớ owss=ơs",
      "owt=ơt owtj=ợt owtjj=ơtj owts=ớt owtss=ơts oww=ow owx=ỡ owxx=ơx ox=õ oxx=ox",
  });
  return v;
}

const std::vector<Vector>& unikey_q_th() {
  static const auto v = parse({
      "q=q qu=qu qw=qw quw=quw",
      "quo=quo quof=quò quoff=quof quoj=quọ quojj=quoj quor=quỏ quorr=quor quos=quó",
      "quoss=quos quox=quõ quoxx=quox",
      "quow=quơ quowc=quơc quowf=quờ quowff=quơf quowi=quơi quowif=quời quowiff=quơif",
      "quowij=quợi quowijj=quơij quowir=quởi quowirr=quơir quowis=quới quowiss=quơis",
      "quowix=quỡi quowixx=quơix quowj=quợ quowjj=quơj",
      "quowm=quơm quowmf=quờm quowmff=quơmf quowmj=quợm quowmjj=quơmj quowmr=quởm",
      "quowmrr=quơmr quowms=quớm quowmss=quơms quowmx=quỡm quowmxx=quơmx",
      "quown=quơn quownf=quờn quownff=quơnf quowng=quơng quownj=quợn quownjj=quơnj",
      "quownr=quởn quownrr=quơnr quowns=quớn quownss=quơns quownx=quỡn quownxx=quơnx",
      "quowp=quơp quowps=quớp quowpss=quơps quowr=quở quowrr=quơr quows=quớ quowss=quơs",
      "quowt=quơt quowtj=quợt quowtjj=quơtj quowts=quớt quowtss=quơts",
      "quowu=quơu quoww=quow quowx=quỡ quowxx=quơx",
      "t=t th=th thu=thu thuf=thù thuff=thuf thuj=thụ thujj=thuj",
      "thuo=thuo thuoff=thuof thuojj=thuoj thuorr=thuor thuoss=thuos",
      "thuow=thuơ thuowc=thươc thuowcj=thược thuowcjj=thươcj thuowcs=thước thuowcss=thươcs",
      "thuowf=thuờ thuowff=thuơf thuowj=thuợ thuowjj=thuơj",
      "thuowm=thươm thuowmf=thườm thuowmff=thươmf thuowmj=thượm thuowmjj=thươmj",
      "thuowmr=thưởm thuowmrr=thươmr thuowms=thướm thuowmss=thươms thuowmx=thưỡm",
      "thuowmxx=thươmx",
      "thuown=thươn thuownf=thườn thuownff=thươnf thuowng=thương thuowngf=thường",
      "thuowngff=thươngf thuowngj=thượng thuowngjj=thươngj thuowngr=thưởng",
      "thuowngrr=thươngr thuowngs=thướng thuowngss=thươngs thuowngx=thưỡng",
      "thuowngxx=thươngx thuownj=thượn thuownjj=thươnj thuownr=thưởn thuownrr=thươnr",
      "thuowns=thướn thuownss=thươns thuownx=thưỡn thuownxx=thươnx",
      "thuowp=thươp thuowpj=thượp thuowpjj=thươpj thuowps=thướp thuowpss=thươps",
      "thuowr=thuở thuowrr=thuơr thuows=thuớ thuowss=thuơs",
      "thuowt=thươt thuowtj=thượt thuowtjj=thươtj thuowts=thướt thuowtss=thươts",
      "thuowx=thuỡ thuowxx=thuơx",
      "thuoww=thươ thuowwc=thươc thuowwcj=thược thuowwcjj=thươcj thuowwcs=thước",
      "thuowwcss=thươcs thuowwf=thườ thuowwff=thươf",
      "thuowwi=thươi thuowwif=thười thuowwiff=thươif thuowwij=thượi thuowwijj=thươij",
      "thuowwir=thưởi thuowwirr=thươir thuowwis=thưới thuowwiss=thươis thuowwix=thưỡi",
      "thuowwixx=thươix thuowwj=thượ thuowwjj=thươj",
      "thuowwm=thươm thuowwmf=thườm thuowwmff=thươmf thuowwmj=thượm thuowwmjj=thươmj",
      "thuowwmr=thưởm thuowwmrr=thươmr thuowwms=thướm thuowwmss=thươms thuowwmx=thưỡm",
      "thuowwmxx=thươmx",
      "thuowwn=thươn thuowwnf=thườn thuowwnff=thươnf thuowwng=thương thuowwngf=thường",
      "thuowwngff=thươngf thuowwngj=thượng thuowwngjj=thươngj thuowwngr=thưởng",
      "thuowwngrr=thươngr thuowwngs=thướng thuowwngss=thươngs thuowwngx=thưỡng",
      "thuowwngxx=thươngx thuowwnj=thượn thuowwnjj=thươnj thuowwnr=thưởn",
      "thuowwnrr=thươnr thuowwns=thướn thuowwnss=thươns thuowwnx=thưỡn thuowwnxx=thươnx",
      "thuowwp=thươp thuowwpj=thượp thuowwpjj=thươpj thuowwps=thướp thuowwpss=thươps",
      "thuowwr=thưở thuowwrr=thươr thuowws=thướ thuowwss=thươs",
      "thuowwt=thươt thuowwtj=thượt thuowwtjj=thươtj thuowwts=thướt thuowwtss=thươts",
      "thuowwu=thươu thuowwuf=thườu thuowwuff=thươuf thuowwuj=thượu thuowwujj=thươuj",
      "thuowwur=thưởu thuowwurr=thươur thuowwus=thướu thuowwuss=thươus thuowwux=thưỡu",
      "thuowwuxx=thươux thuowww=thuow thuowwx=thưỡ thuowwxx=thươx",
      "thur=thủ thurr=thur thus=thú thuss=thus thux=thũ thuxx=thux",
  });
  return v;
}

const std::vector<Vector>& unikey_u() {
  static const auto v = parse({
      "u=u ua=ua uaf=ùa uaff=uaf uaj=ụa uajj=uaj uar=ủa uarr=uar uas=úa uass=uas uax=ũa",
      "uaxx=uax uc=uc ucj=ục ucjj=ucj ucs=úc ucss=ucs uf=ù uff=uf",
      "ui=ui uif=ùi uiff=uif uij=ụi uijj=uij uir=ủi uirr=uir uis=úi uiss=uis uix=ũi uixx=uix",
      "uj=ụ ujj=uj",
      "um=um umf=ùm umff=umf umj=ụm umjj=umj umr=ủm umrr=umr ums=úm umss=ums umx=ũm umxx=umx",
      "un=un unf=ùn unff=unf ung=ung ungf=ùng ungff=ungf ungj=ụng ungjj=ungj ungr=ủng",
      "ungrr=ungr ungs=úng ungss=ungs ungx=ũng ungxx=ungx unj=ụn unjj=unj unr=ủn unrr=unr",
      "uns=ún unss=uns unx=ũn unxx=unx",
      "uo=uo uox=ũo uoxx=uox",
      "uow=uơ uowc=ươc uowcj=ược uowcjj=ươcj uowcs=ước uowcss=ươcs uowf=uờ uowff=uơf",
      "uowi=ươi uwoi=ươi uowif=ười uowiff=ươif uowij=ượi uowijj=ươij uowir=ưởi",
      "uowirr=ươir uowis=ưới uowiss=ươis uowix=ưỡi uowixx=ươix uowj=uợ uowjj=uơj",
      "uowm=ươm uowmf=ườm uowmff=ươmf uowmj=ượm uowmjj=ươmj uowmr=ưởm uowmrr=ươmr",
      "uowms=ướm uowmss=ươms uowmx=ưỡm uowmxx=ươmx",
      "uown=ươn uownf=ườn uownff=ươnf uowng=ương uowngf=ường uowngff=ươngf uowngj=ượng",
      "uowngjj=ươngj uowngr=ưởng uowngrr=ươngr uowngs=ướng uowngss=ươngs uowngx=ưỡng",
      "uowngxx=ươngx uownj=ượn uownjj=ươnj uownr=ưởn uownrr=ươnr uowns=ướn uownss=ươns",
      "uownx=ưỡn uownxx=ươnx",
      "uowp=ươp uowpj=ượp uowpjj=ươpj uowps=ướp uowpss=ươps uowr=uở uowrr=uơr uows=uớ",
      "uowss=uơs uowt=ươt uowtj=ượt uowtjj=ươtj uowts=ướt uowtss=ươts",
      "uowu=ươu uwou=ươu uowuf=ườu uowuff=ươuf uowuj=ượu uowujj=ươuj uowur=ưởu",
      "uowurr=ươur uowus=ướu uowuss=ươus uowux=ưỡu uowuxx=ươux",
      "uoww=ươ uowww=uow uowx=uỡ uowxx=uơx huwou=hươu",
      "up=up upj=ụp upjj=upj ups=úp upss=ups ur=ủ urr=ur us=ú uss=us",
      "ut=ut utj=ụt utjj=utj uts=út utss=uts",
      "uw=ư uwa=ưa uwaf=ừa uwaff=ưaf uwaj=ựa uwajj=ưaj uwar=ửa uwarr=ưar uwas=ứa uwass=ưas",
      "uwax=ữa uwaxx=ưax uwc=ưc uwcj=ực uwcjj=ưcj uwcs=ức uwcss=ưcs uwf=ừ uwff=ưf",
      "uwi=ưi uwif=ừi uwiff=ưif uwij=ựi uwijj=ưij uwir=ửi uwirr=ưir uwis=ứi uwiss=ưis",
      "uwix=ữi uwixx=ưix uwj=ự uwjj=ưj",
      "uwm=ưm uwmf=ừm uwmff=ưmf uwmj=ựm uwmjj=ưmj uwmr=ửm uwmrr=ưmr uwms=ứm uwmss=ưms",
      "uwmx=ữm uwmxx=ưmx uwn=ưn uwnf=ừn uwnff=ưnf uwng=ưng uwngf=ừng uwngff=ưngf uwngj=ựng",
      "uwngjj=ưngj uwngr=ửng uwngrr=ưngr uwngs=ứng uwngss=ưngs uwngx=ững uwngxx=ưngx",
      "uwnj=ựn uwnjj=ưnj uwnr=ửn uwnrr=ưnr uwns=ứn uwnss=ưns uwnx=ữn uwnxx=ưnx",
      "uwr=ử uwrr=ưr uws=ứ uwss=ưs uwt=ưt uwtj=ựt uwtjj=ưtj uwts=ứt uwtss=ưts",
      "uwu=ưu uwuf=ừu uwuff=ưuf uwuj=ựu uwujj=ưuj uwur=ửu uwurr=ưur uwus=ứu uwuss=ưus",
      "uwux=ữu uwuxx=ưux uww=uw uwx=ữ uwxx=ưx ux=ũ uxx=ux",
  });
  return v;
}

const std::vector<Vector>& unikey_w_y() {
  static const auto v = parse({
      "w=ư wa=ưa waf=ừa waff=ưaf waj=ựa wajj=ưaj war=ửa warr=ưar was=ứa wass=ưas wax=ữa",
      "waxx=ưax wc=ưc wcj=ực wcjj=ưcj wcs=ức wcss=ưcs wf=ừ wff=ưf",
      "wi=ưi wif=ừi wiff=ưif wij=ựi wijj=ưij wir=ửi wirr=ưir wis=ứi wiss=ưis wix=ữi wixx=ưix",
      "wj=ự wjj=ưj",
      "wm=ưm wmf=ừm wmff=ưmf wmj=ựm wmjj=ưmj wmr=ửm wmrr=ưmr wms=ứm wmss=ưms wmx=ữm wmxx=ưmx",
      "wn=ưn wnf=ừn wnff=ưnf wng=ưng wngf=ừng wngff=ưngf wngj=ựng wngjj=ưngj wngr=ửng",
      "wngrr=ưngr wngs=ứng wngss=ưngs wngx=ững wngxx=ưngx wnj=ựn wnjj=ưnj wnr=ửn wnrr=ưnr",
      "wns=ứn wnss=ưns wnx=ữn wnxx=ưnx",
      "wr=ử wrr=ưr ws=ứ wss=ưs wt=ưt wtj=ựt wtjj=ưtj wts=ứt wtss=ưts",
      "wu=ưu wuf=ừu wuff=ưuf wuj=ựu wujj=ưuj wur=ửu wurr=ưur wus=ứu wuss=ưus wux=ữu wuxx=ưux",
      "ww=w www=ww wwww=www wx=ữ wxx=ưx",
      "y=y ya=ya yc=yc ych=ych yf=ỳ yff=yf yj=ỵ yjj=yj yn=yn ynn=ynn yp=yp yr=ỷ yrr=yr",
      "ys=ý yss=ys yt=yt ytj=ỵt ytjj=ytj yts=ýt ytss=yts yu=yu yx=ỹ yxx=yx",
      // Its surrounding-text check: "q" then u e r.
      "quer=quẻ",
  });
  return v;
}

}  // namespace

TEST_CASE("telex unikey: a, â, ă and d as Unikey composes them") {
  CHECK(check_all(unikey_a_d()) == 264);
}

TEST_CASE("telex unikey: e, ê and i as Unikey composes them") {
  CHECK(check_all(unikey_e_i()) == 229);
}

TEST_CASE("telex unikey: o, ô and ơ as Unikey composes them") {
  CHECK(check_all(unikey_o()) == 213);
}

TEST_CASE("telex unikey: qu and th-u-o as Unikey composes them") {
  CHECK(check_all(unikey_q_th()) == 230);
}

TEST_CASE("telex unikey: u, ư and u-o as Unikey composes them") {
  CHECK(check_all(unikey_u()) == 258);
}

TEST_CASE("telex unikey: w and y as Unikey composes them") {
  CHECK(check_all(unikey_w_y()) == 114);
}

// The words of the issue, as Vietnamese fingers type them.
TEST_CASE("telex unikey: ưo becomes ươ once a final consonant, i or u follows") {
  const auto v = parse({
      "nguwoif=người truwongf=trường nuwocs=nước dduwocj=được huwou=hươu duwoi=dươi",
      "uwoi=ươi wowfi=ười Nguwoif=Người NGUWOIF=NGƯỜI thuwowngf=thường",
  });
  check_all(v);
}

TEST_CASE("telex unikey: uow with nothing after puts the horn on the o only after h, kh, th") {
  const auto v = parse({
      "thuowr=thuở huow=huơ khuow=khuơ Thuow=Thuơ uow=uơ thuowng=thương huowng=hương",
      "nguow=ngươ truow=trươ muowi=mươi",
  });
  check_all(v);
}

TEST_CASE("telex unikey: tone keys work again after an undone ô") {
  const auto v = parse({
      "xooongf=xoòng gooongf=goòng sooocs=soóc mooocs=moóc booong=boong",
  });
  check_all(v);
  CHECK(compose_telex("row mooocs") == "rơ moóc");
}

TEST_CASE("telex unikey: ư only where the spelling takes it") {
  const auto v = parse({
      "giw=giư giwx=giữ qw=qw quw=quw kw=kw tw=tư ngw=ngư iw=iw",
      // ưa takes no circumflex; the a is a letter.
      "chuwaa=chưaa",
      // Only uăng can be spelt: the w meant ă.
      "khuawngs=khuắng khuangw=khuăng",
  });
  check_all(v);
}

TEST_CASE("telex unikey: grave, hook and tilde are refused after c, ch, p, t") {
  const auto v = parse({
      "acf=acf acr=acr acx=acx achf=achf aapr=âpr awtx=ătx uowcf=ươcf ecff=ecff",
      "hocj=học hocs=hóc tieeps=tiếp hoatj=hoạt",
  });
  check_all(v);
}

TEST_CASE("telex unikey: k as a final consonant for place names") {
  const auto v = parse({"Ddawks=Đắk Lawks=Lắk Buks=Búk Pawks=Pắk Ddawkj=Đặk"});
  check_all(v);
  CHECK(compose_telex("Ddawks Lawks") == "Đắk Lắk");
  CHECK(compose_telex("Ddawkf") == "Đăkf");  // like c: no grave
}

TEST_CASE("telex unikey: marks may come after the letters they change") {
  const auto v = parse({
      "tienge=tiêng dinhd=đinh anw=ăn nguoiw=ngươi chuaarn=chuẩn giamaf=giầm",
      "uese=uế toowi=tơi aloo=alô oddp=ođp gisa=giá kimso=kímo toorr=tôr tnoss=tnos",
      "catr=catr mootj=một ddafi=đài bieecs=biếc",
  });
  check_all(v);
}

TEST_CASE("telex unikey: backspace undoes one keystroke of the new rules") {
  TelexComposer composer;
  composer.press_keys("nguwoif");
  CHECK(composer.text() == "người");
  composer.backspace();
  CHECK(composer.text() == "ngươi");
  composer.backspace();
  CHECK(composer.text() == "ngưo");
  composer.clear();
  composer.press_keys("ooongf");
  CHECK(composer.text() == "oòng");
  composer.backspace();
  CHECK(composer.text() == "oong");
  composer.clear();
  composer.press_keys("thuowr");
  CHECK(composer.text() == "thuở");
  composer.press('n');
  CHECK(composer.text() == "thưởn");
  composer.backspace();
  CHECK(composer.text() == "thuở");
}

TEST_CASE("telex unikey: the tone row works on the part after an undone ô") {
  TelexComposer composer;
  composer.press_keys("xooong");
  composer.apply_tone(kiosk::Tone::huyen);
  CHECK(composer.text() == "xoòng");
  composer.backspace();
  CHECK(composer.text() == "xoong");
}

TEST_CASE("telex unikey: any keys give NFC text, and backspace retraces every state") {
  const std::string alphabet = "aeiouywdsfrxjzqgnhtckmpblAEOWDSFU .1";
  std::uint64_t seed = 20240611;
  const auto next = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(seed >> 33);
  };
  for (int round = 0; round < 3000; ++round) {
    TelexComposer composer;
    std::string keys;
    std::vector<std::string> states{""};
    const std::size_t length = 1 + next() % 14;
    for (std::size_t i = 0; i < length; ++i) {
      if (next() % 10 == 0) {
        const std::string before = composer.text();
        composer.apply_tone(static_cast<kiosk::Tone>(next() % 6));
        if (composer.text() == before) continue;  // no effect, no keystroke
        keys += '#';
      } else {
        keys += alphabet[next() % alphabet.size()];
        composer.press(static_cast<char32_t>(keys.back()));
      }
      states.push_back(composer.text());
    }
    CAPTURE(keys);
    for (const auto& state : states) CHECK(content::text::to_nfc(state) == state);
    for (std::size_t i = states.size(); i-- > 1;) {
      composer.backspace();
      REQUIRE(composer.text() == states[i - 1]);
    }
  }
}
