import type { DefineStrategyInput } from '../domain/strategy/defineStrategy.js';

/**
 * The Kalmar RUS as published ("Klimat att växa i – RUS för Kalmar län 2030"): the 2022 vision,
 * the four goal areas and their ten goals in the published order, the three perspectives.
 * English texts are the product's own translation.
 */
export const kalmarStrategy: DefineStrategyInput = {
  slug: 'rus-2030',
  nameSv: 'Klimat att växa i – RUS för Kalmar län 2030',
  nameEn: 'A climate for growth – regional development strategy for Kalmar county 2030',
  periodStart: 2018,
  periodEnd: 2030,
  status: 'adopted',
  isCurrent: true,
  visionSv:
    'År 2030 är Kalmar län en hållbar region där människor växer och där företag, föreningar och organisationer etablerar sig och utvecklas. Nära samverkan mellan länets alla aktörer har gett länet en unik konkurrenskraft och en stark koppling mellan stad och land.',
  visionEn:
    "In 2030 Kalmar county is a sustainable region where people grow and where companies, associations and organisations establish themselves and develop. Close cooperation between all the county's actors has given the county a unique competitiveness and a strong link between town and country.",
  introductionSv:
    'Den regionala utvecklingsstrategin är länets gemensamma färdplan mot 2030. Den har tagits fram i dialog med kommuner, regioner, myndigheter, näringsliv, utbildningsaktörer, föreningsliv och grannlän. Strategin togs fram när länet bildade region 2019 och det regionala utvecklingsansvaret blev regionens, och den aktualiserades 2021–2022, bland annat efter coronapandemin och kriget i Ukraina.\n\nStrategin är övergripande. Till varje prioriterat utvecklingsområde hör fördjupade strategier och handlingsprogram som anger vad som ska göras. Genomförandet vilar på många aktörer tillsammans.',
  introductionEn:
    "The regional development strategy is the county's shared roadmap towards 2030. It was drawn up in dialogue with municipalities, regions, government agencies, business, education providers, civil society and neighbouring counties. It was written when the county became a region in 2019 and the responsibility for regional development passed to the region, and it was updated in 2021–2022, among other things after the COVID-19 pandemic and the war in Ukraine.\n\nThe strategy is an overarching one. Each priority area has more detailed strategies and action programmes that say what is to be done. Many actors carry it out together.",
  agenda2030Sv:
    'FN:s 17 globala mål för hållbar utveckling, Agenda 2030, är ramen för det regionala utvecklingsarbetet. Målen täcker social, miljömässig och ekonomisk hållbarhet och genomförs också regionalt och lokalt. Varje insats i Riktning kan knytas till de delmål i Agenda 2030 som den bidrar till.',
  agenda2030En:
    'The 17 UN Sustainable Development Goals of the 2030 Agenda are the frame of regional development work. They cover social, environmental and economic sustainability and are carried out regionally and locally as well. Every initiative in Riktning can be linked to the 2030 Agenda targets it contributes to.',
  nationalStrategySv:
    'Strategin ska bidra till den nationella strategin för hållbar regional utveckling i hela landet 2021–2030 (skr. 2020/21:133), som regeringen har beslutat enligt förordningen (2017:583) om regionalt tillväxtarbete. Insatserna kan därför också läsas mot den nationella strategins prioriteringar.',
  nationalStrategyEn:
    "The strategy contributes to the national strategy for sustainable regional development throughout Sweden 2021–2030 (Govt. communication 2020/21:133), adopted by the Government under the Ordinance (2017:583) on regional growth work. Initiatives can therefore also be read against the national strategy's priorities.",
  followUpSv:
    'Strategin följs upp löpande. Varje mål har indikatorer med värden för länet, kommunerna och riket från Kolada och SCB; deras utveckling mot målet redovisas under Så går det. Insatser som bidrar till målen registreras med finansiering, platser och mål, och deras ägare lämnar lägesrapporter. Varje år sammanställs rapporten Regionala utvecklingsåret med årets siffror, exempel på insatser och de mål som saknar insatser. Utvärderingar av insatser och mål publiceras när de är klara.',
  followUpEn:
    "The strategy is followed up continuously. Every goal has indicators with values for the county, the municipalities and Sweden from Kolada and Statistics Sweden; their progress towards the goal is shown under How the county is doing. Initiatives that contribute to the goals are registered with their funding, places and goals, and their owners submit progress reports. Each year the report The regional development year brings together the year's figures, examples of initiatives and the goals that lack initiatives. Evaluations of initiatives and goals are published when they are finished.",
  goalAreas: [
    {
      slug: 'delaktighet-halsa-och-valbefinnande',
      nameSv: 'Delaktighet, hälsa och välbefinnande',
      nameEn: 'Participation, health and well-being',
      descriptionSv:
        'Människor i hela länet ska kunna vara delaktiga, känna sig trygga och må bra.',
      descriptionEn: 'People throughout the county can take part, feel safe and be well.',
      colour: '#7A2E5E',
      goals: [
        {
          code: '1.1',
          nameSv: 'Hög delaktighet och upplevd trygghet i hela länet.',
          nameEn: 'High participation and perceived safety throughout the county.',
        },
        {
          code: '1.2',
          nameSv: 'Hög självskattad hälsa i hela länet.',
          nameEn: 'High self-rated health throughout the county.',
        },
      ],
    },
    {
      slug: 'god-miljo-for-barn-och-unga',
      nameSv: 'God miljö för barn och unga',
      nameEn: 'A good environment for children and young people',
      descriptionSv:
        'Barn och unga i länet ska ha goda förutsättningar att lära, må bra och forma sin framtid.',
      descriptionEn:
        'Children and young people in the county have good conditions to learn, be well and shape their future.',
      colour: '#1F5C8C',
      goals: [
        {
          code: '2.1',
          nameSv:
            'Alla elever i länet slutför gymnasieexamen inom fyra år och har möjlighet till vidare studier och arbete.',
          nameEn:
            'All pupils in the county complete upper secondary school within four years and can go on to further studies and work.',
        },
        {
          code: '2.2',
          nameSv: 'Alla barn och unga har möjlighet till god hälsa och sunda levnadsvanor.',
          nameEn: 'All children and young people can have good health and healthy habits.',
        },
      ],
    },
    {
      slug: 'hallbar-samhallsplanering',
      nameSv: 'Hållbar samhällsplanering',
      nameEn: 'Sustainable community planning',
      descriptionSv:
        'Ett fossilbränslefritt län med robust, klimatanpassad och tillgänglig fysisk och digital infrastruktur.',
      descriptionEn:
        'A fossil-fuel-free county with robust, climate-adapted and accessible physical and digital infrastructure.',
      colour: '#2E6B34',
      goals: [
        {
          code: '3.1',
          nameSv: 'Region Kalmar län är en fossilbränslefri region.',
          nameEn: 'Region Kalmar län is a fossil-fuel-free region.',
        },
        {
          code: '3.2',
          nameSv:
            'Samhällsplaneringen är klimatanpassad och robust samt erbjuder trygga, tillgängliga och gröna miljöer för alla.',
          nameEn:
            'Community planning is climate-adapted and robust and offers safe, accessible and green environments for all.',
        },
        {
          code: '3.3',
          nameSv: 'Alla i länet har tillgång till väl utvecklad fysisk och digital infrastruktur.',
          nameEn:
            'Everyone in the county has access to well-developed physical and digital infrastructure.',
        },
      ],
    },
    {
      slug: 'starkt-konkurrenskraft',
      nameSv: 'Stärkt konkurrenskraft',
      nameEn: 'Strengthened competitiveness',
      descriptionSv:
        'Ett innovativt näringsliv med god tillgång till kompetens och fler kunskapsintensiva företag.',
      descriptionEn:
        'An innovative business sector with good access to skills and more knowledge-intensive companies.',
      colour: '#8A4A0F',
      goals: [
        {
          code: '4.1',
          nameSv: 'Länet har utvecklat digitala och hållbara lösningar för en global marknad.',
          nameEn: 'The county has developed digital and sustainable solutions for a global market.',
        },
        {
          code: '4.2',
          nameSv: 'God tillgång till välutbildad arbetskraft.',
          nameEn: 'Good access to a well-educated workforce.',
        },
        {
          code: '4.3',
          nameSv: 'Ökat antal företag inom kunskapsintensiv tjänstesektor.',
          nameEn: 'More companies in the knowledge-intensive service sector.',
        },
      ],
    },
  ],
  perspectives: [
    {
      slug: 'kompetensforsorjning',
      nameSv: 'Kompetensförsörjning',
      nameEn: 'Skills supply',
      descriptionSv:
        'Alla insatser ska bidra till att människor och arbetsgivare i länet får den kompetens som behövs, genom hela livet.',
      descriptionEn:
        'Every initiative should help people and employers in the county get the skills they need, throughout life.',
    },
    {
      slug: 'digital-omstallning',
      nameSv: 'Digital omställning',
      nameEn: 'Digital transformation',
      descriptionSv:
        'Alla insatser ska ta vara på digitaliseringens möjligheter för människor, företag och offentlig verksamhet.',
      descriptionEn:
        'Every initiative should make use of what digitalisation offers people, business and the public sector.',
    },
    {
      slug: 'internationalisering',
      nameSv: 'Internationalisering',
      nameEn: 'Internationalisation',
      descriptionSv:
        'Alla insatser ska se länet i ett internationellt sammanhang och söka samarbete över gränser.',
      descriptionEn:
        'Every initiative should see the county in an international context and seek cooperation across borders.',
    },
  ],
};
